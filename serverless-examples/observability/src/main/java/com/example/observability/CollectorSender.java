package com.example.observability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;

/**
 * POSTs an OTLP/HTTP request to a plain-HTTP collector (the collector layer on localhost) over the JDK's
 * {@link HttpURLConnection}. The JDK's {@code java.net.http} client, which OpenTelemetry's JDK sender uses, costs a
 * sampled cold start about 220 ms of class loading and set-up before its first request; this path costs about 15 ms
 * more than a bare socket (see the README).
 *
 * <p>Each export is one request, sent on the calling thread: connect within the timeout, the whole body written at
 * once with its length, the answer read within the timeout. The JDK keeps the connection for the next export (for 5
 * seconds idle: after a longer freeze the next export connects again). Never through a proxy: the JVM-wide proxy
 * settings are for the function's own calls, not for localhost.
 */
final class CollectorSender {

    /** The most of a collector's answer kept (it is read to its end regardless), as OpenTelemetry's senders keep. */
    static final long MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final URI endpoint;
    private final int timeoutMillis;
    private final long maxAnswerBytes;

    CollectorSender(URI endpoint, long timeoutMillis) {
        this(endpoint, timeoutMillis, MAX_ANSWER_BYTES);
    }

    CollectorSender(URI endpoint, long timeoutMillis, long maxAnswerBytes) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("CollectorSender speaks plain HTTP, not " + endpoint);
        }
        this.endpoint = endpoint;
        this.timeoutMillis = millis(timeoutMillis);
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** One POST of a protobuf body: the collector's answer, whatever its status; a failure to get one is thrown. */
    Response post(byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setDoOutput(true); // a POST
        // Streamed with its length: never chunked, and never sent twice (the JDK resends a buffered POST whose
        // connection breaks, which would deliver the spans twice)
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/x-protobuf");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        String reason = connection.getResponseMessage();
        byte[] answer;
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            // Read to the end (up to the limit) so that the JDK can keep the connection for the next export
            answer = in == null ? new byte[0] : read(in, maxAnswerBytes);
        }
        return new Response(status, reason == null ? "" : reason, answer);
    }

    /** The whole stream, but keeps at most {@code limit} bytes (a non-positive limit keeps none). */
    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            kept.write(buffer, 0, (int) Math.max(0, Math.min(n, limit - kept.size())));
        }
        return kept.toByteArray();
    }

    /** A timeout for HttpURLConnection, where 0 means forever: at least 1 ms, at most Integer.MAX_VALUE. */
    static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
    }

    /** The collector's answer: its status line and its body, cut to the limit. */
    record Response(int status, String reason, byte[] body) {
    }
}
