package ${package};

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OTLP/HTTP to a plain-HTTP collector (the collector layer on localhost) over the JDK's {@link HttpURLConnection},
 * plugged into the OpenTelemetry exporter through its public sender interface. The JDK's {@code java.net.http}
 * client, which the OTel JDK sender uses, costs a sampled cold start about 220 ms of class loading and set-up before
 * its first request; this path costs about 15 ms more than a bare socket (see the README). An {@code https://}
 * collector still gets the OTel JDK sender.
 *
 * <p>Each export is one request, sent on the calling thread (the batch processor's own): connect within the connect
 * timeout, the whole body written at once with its length, the answer read within the export timeout. The JDK keeps
 * the connection for the next export (for 5 seconds idle: after a longer freeze the next export connects again).
 */
final class CollectorSender implements HttpSender {

    private final HttpSenderConfig config;
    private final Proxy proxy;

    CollectorSender(HttpSenderConfig config) {
        if (!"http".equals(config.getEndpoint().getScheme())) {
            throw new IllegalArgumentException("CollectorSender speaks plain HTTP, not " + config.getEndpoint());
        }
        this.config = config;
        this.proxy = proxy(config.getProxyOptions(), config.getEndpoint());
    }

    /** Only the exporter's own proxy settings, as the OTel senders do: never the JVM-wide proxy properties. */
    static Proxy proxy(ProxyOptions options, URI endpoint) {
        if (options == null) {
            return Proxy.NO_PROXY;
        }
        List<Proxy> proxies = options.getProxySelector().select(endpoint);
        return proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    @Override
    public void send(MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        HttpResponse response;
        try {
            response = post(message);
        } catch (IOException | RuntimeException e) {
            onError.accept(e);
            return;
        }
        onResponse.accept(response);
    }

    private HttpResponse post(MessageWriter message) throws IOException {
        byte[] body = body(message, config.getCompressor());
        HttpURLConnection connection = (HttpURLConnection) config.getEndpoint().toURL().openConnection(proxy);
        connection.setConnectTimeout(millis(config.getConnectTimeout().toMillis()));
        connection.setReadTimeout(millis(config.getTimeout().toMillis()));
        connection.setDoOutput(true); // a POST
        // Streamed with its length: never chunked, and never sent twice (the JDK resends a buffered POST whose
        // connection breaks, which would deliver the spans twice)
        connection.setFixedLengthStreamingMode(body.length);
        Map<String, List<String>> headers = config.getHeadersSupplier().get();
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
        }
        connection.setRequestProperty("Content-Type", config.getContentType());
        if (config.getCompressor() != null) {
            connection.setRequestProperty("Content-Encoding", config.getCompressor().getEncoding());
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        String reason = connection.getResponseMessage();
        byte[] answer;
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            // Read to the end (up to the limit) so that the JDK can keep the connection for the next export
            answer = in == null ? new byte[0] : read(in, config.getMaxResponseBodySize());
        }
        return new Response(status, reason == null ? "" : reason, answer);
    }

    static byte[] body(MessageWriter message, Compressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, message.getContentLength()));
        if (compressor == null) {
            message.writeMessage(bytes);
        } else {
            try (OutputStream compressed = compressor.compress(bytes)) {
                message.writeMessage(compressed);
            }
        }
        return bytes.toByteArray();
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

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess(); // nothing held: each export is its own request
    }

    record Response(int status, String reason, byte[] body) implements HttpResponse {

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public String getStatusMessage() {
            return reason;
        }

        @Override
        public byte[] getResponseBody() {
            return body;
        }
    }
}
