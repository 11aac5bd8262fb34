package com.example.observability;

import dev.brisk.lambda.SnapStart;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Before the SnapStart snapshot, runs synthetic requests through a copy of the handler whose spans, log and metric
 * lines go nowhere, then one export to a loopback endpoint of its own (never the collector), so the snapshot holds
 * loaded, linked classes: routing, JSON, the tracer, the span processor, the protobuf encoder and the sender's
 * request path. After each restore, reseeds the trace and span ids. Registered only when Lambda
 * initialises for a snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    private static final String[] REQUESTS = {
        request("GET", "/hello", null),
        request("POST", "/items", "{\"name\":\"priming\",\"quantity\":1}"),
        request("GET", "/missing", null),
    };

    /** The longest the export priming waits for its loopback endpoint. */
    private static final long PRIMING_EXPORT_MILLIS = 5_000;

    private final ApiHandler handler;

    SnapStartPriming(ApiHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() throws Exception {
        ApiHandler primer = handler.forPriming();
        for (String request : REQUESTS) {
            primer.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), null);
        }
        primeExport();
    }

    /**
     * The export path end to end: an empty OTLP export, after a span encoded to nowhere, to a loopback endpoint that
     * answers 200. Not to the collector: a connection opened before the snapshot would be stale after a restore.
     *
     * @return whether the endpoint answered the export (it always should: priming never fails the snapshot)
     */
    static boolean primeExport() throws IOException {
        try (ServerSocket endpoint = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerOnce(endpoint), "priming-endpoint");
            answering.setDaemon(true);
            answering.start();
            SpanExporter exporter = Telemetry.otlp("http://127.0.0.1:" + endpoint.getLocalPort() + "/v1/traces",
                    PRIMING_EXPORT_MILLIS, Telemetry.jdkSender(System.getenv()));
            try {
                return Telemetry.warmUp(exporter, Telemetry.resource(System.getenv()), true)
                        .join(PRIMING_EXPORT_MILLIS, TimeUnit.MILLISECONDS).isSuccess();
            } finally {
                exporter.shutdown().join(PRIMING_EXPORT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Reads one HTTP/1.1 request (its headers, then Content-Length bytes) and answers 200 with no body. */
    private static void answerOnce(ServerSocket endpoint) {
        try (Socket socket = endpoint.accept()) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            in.readNBytes(contentLength(head.toString()));
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // The exporter sees the failure: primeExport reports it
        }
    }

    static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void afterRestore() {
        // Every restored copy starts from the same random state: draw a fresh seed from the kernel
        handler.telemetry().reseedIds(new SecureRandom().nextLong());
    }

    private static String request(String method, String path, String body) {
        return "{\"rawPath\":\"" + path + "\",\"requestContext\":{\"requestId\":\"priming\",\"http\":{\"method\":\""
                + method + "\"}},\"headers\":{\"content-type\":\"application/json\"},\"body\":"
                + (body == null ? "null" : Json.quote(body)) + "}";
    }
}
