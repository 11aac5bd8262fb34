package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plain-HTTP sender against a real HTTP server: what it sends, what it reports, and its bounds. */
class CollectorSenderTest {

    private static final byte[] MESSAGE = "an OTLP message".getBytes(StandardCharsets.UTF_8);

    private final List<Headers> headers = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Records each request and answers with the status, reason body and length given. */
    private String serve(int status, byte[] answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                headers.add(exchange.getRequestHeaders());
                bodies.add(body.readAllBytes());
                ports.add(exchange.getRemoteAddress().getPort());
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    @Test
    void postsTheMessageWithItsLengthTypeAndHeadersAndReportsTheAnswer() throws IOException {
        byte[] answer = {8, 1};
        HttpSender sender = new CollectorSender(config(serve(200, answer), null, Map.of("x-tenant", List.of("a", "b")), 4096));

        HttpResponse response = send(sender, message(MESSAGE, MESSAGE.length));

        assertEquals(200, response.getStatusCode());
        assertEquals("OK", response.getStatusMessage());
        assertArrayEquals(answer, response.getResponseBody());
        assertArrayEquals(MESSAGE, bodies.get(0));
        Headers sent = headers.get(0);
        assertEquals("application/x-protobuf", sent.getFirst("Content-Type"));
        assertEquals(String.valueOf(MESSAGE.length), sent.getFirst("Content-Length"));
        assertNull(sent.getFirst("Content-Encoding"));
        assertNull(sent.getFirst("Transfer-Encoding"), "a fixed length, never chunked");
        assertEquals(List.of("a", "b"), sent.get("X-tenant"));
    }

    @Test
    void aMessageOfUnknownLengthIsSentWhole() throws IOException {
        HttpSender sender = new CollectorSender(config(serve(200, new byte[0]), null, Map.of(), 4096));

        HttpResponse response = send(sender, message(MESSAGE, -1));

        assertEquals(200, response.getStatusCode());
        assertEquals(0, response.getResponseBody().length);
        assertArrayEquals(MESSAGE, bodies.get(0));
    }

    @Test
    void theConnectionIsKeptForTheNextExport() throws IOException {
        HttpSender sender = new CollectorSender(config(serve(200, new byte[] {1}), null, Map.of(), 4096));

        send(sender, message(MESSAGE, MESSAGE.length));
        send(sender, message(MESSAGE, MESSAGE.length));

        assertEquals(2, ports.size());
        assertEquals(ports.get(0), ports.get(1), "the second export reuses the first one's connection");
    }

    @Test
    void aCompressedMessageSaysItsEncoding() throws IOException {
        HttpSender sender = new CollectorSender(config(serve(200, new byte[0]), gzip(), Map.of(), 4096));

        send(sender, message(MESSAGE, MESSAGE.length));

        assertEquals("gzip", headers.get(0).getFirst("Content-Encoding"));
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(bodies.get(0)))) {
            assertArrayEquals(MESSAGE, unzipped.readAllBytes());
        }
    }

    @Test
    void aRefusalIsAResponseWithTheCollectorsBodyCutToTheLimit() throws IOException {
        byte[] status = "a status message longer than ten bytes".getBytes(StandardCharsets.UTF_8);
        HttpSender sender = new CollectorSender(config(serve(400, status), null, Map.of(), 10));

        HttpResponse response = send(sender, message(MESSAGE, MESSAGE.length));

        assertEquals(400, response.getStatusCode());
        assertEquals("Bad Request", response.getStatusMessage());
        assertEquals("a status m", new String(response.getResponseBody(), StandardCharsets.UTF_8));
    }

    @Test
    void aLongAnswerIsReadWholeButKeptOnlyToTheLimit() throws IOException {
        byte[] status = new byte[3_000];
        for (int i = 0; i < status.length; i++) {
            status[i] = (byte) ('a' + i % 26);
        }
        HttpSender sender = new CollectorSender(config(serve(503, status), null, Map.of(), 1_500));

        HttpResponse first = send(sender, message(MESSAGE, MESSAGE.length));
        HttpResponse second = send(sender, message(MESSAGE, MESSAGE.length));

        assertEquals(503, first.getStatusCode());
        assertArrayEquals(java.util.Arrays.copyOf(status, 1_500), first.getResponseBody());
        assertArrayEquals(first.getResponseBody(), second.getResponseBody());
        assertEquals(ports.get(0), ports.get(1), "read to the end, the connection was kept");
    }

    @Test
    void aRequestWhoseConnectionBreaksIsNeverSentTwice() throws Exception {
        try (java.net.ServerSocket closing = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
            Thread server = new Thread(() -> {
                while (!closing.isClosed()) {
                    try (java.net.Socket socket = closing.accept()) {
                        // Read the whole request, then close without an answer
                        InputStream in = socket.getInputStream();
                        StringBuilder head = new StringBuilder();
                        while (!head.toString().endsWith("\r\n\r\n")) {
                            head.append((char) in.read());
                        }
                        in.readNBytes(MESSAGE.length);
                        received.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "closing-collector");
            server.setDaemon(true);
            server.start();
            HttpSender sender = new CollectorSender(config("http://127.0.0.1:" + closing.getLocalPort() + "/v1/traces",
                    null, Map.of(), 4096));

            Throwable error = failure(sender);
            Thread.sleep(200); // a resend, if any, would have arrived by now

            assertInstanceOf(IOException.class, error);
            assertEquals(1, received.get(), "the spans were sent once");
        }
    }

    @Test
    void aCollectorThatIsDownIsAnErrorNotAThrow() {
        HttpSender sender = new CollectorSender(config(Collector.refusedUrl() + "/v1/traces", null, Map.of(), 4096));

        Throwable error = failure(sender);

        assertInstanceOf(java.net.ConnectException.class, error);
    }

    @Test
    void aConnectionThatIsNeverAcceptedIsAnErrorWithinTheConnectTimeout() throws IOException {
        // A listening socket whose backlog is full and that accepts nothing: Linux drops further connection requests
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> queued = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    queued.add(new java.net.Socket(full.getInetAddress(), full.getLocalPort()));
                }
                HttpSender sender = new CollectorSender(config("http://127.0.0.1:" + full.getLocalPort() + "/v1/traces",
                        null, Map.of(), 4096));

                long started = System.nanoTime();
                Throwable error = failure(sender);
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertInstanceOf(SocketTimeoutException.class, error);
                assertTrue(millis >= 250 && millis < 2_500, "gave up after " + millis + " ms, connect timeout 300 ms");
            } finally {
                for (java.net.Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aCollectorThatHangsIsAnErrorWithinTheTimeout() {
        try (Collector hanging = Collector.hanging()) {
            HttpSender sender = new CollectorSender(config(hanging.url() + "/v1/traces", null, Map.of(), 4096));

            long started = System.nanoTime();
            Throwable error = failure(sender);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertInstanceOf(SocketTimeoutException.class, error);
            assertTrue(millis >= 250 && millis < 2_500, "answered in " + millis + " ms, timeout 300 ms");
        }
    }

    @Test
    void aWriterThatFailsIsAnError() {
        HttpSender sender = new CollectorSender(config("http://127.0.0.1:9/v1/traces", null, Map.of(), 4096));
        MessageWriter broken = new MessageWriter() {
            @Override
            public void writeMessage(OutputStream output) throws IOException {
                throw new IOException("cannot encode");
            }

            @Override
            public int getContentLength() {
                return 10;
            }
        };
        AtomicReference<Throwable> error = new AtomicReference<>();

        sender.send(broken, response -> { }, error::set);

        assertEquals("cannot encode", error.get().getMessage());
    }

    @Test
    void onlyTheExportersOwnProxyIsUsed() {
        URI endpoint = URI.create("http://10.0.0.1:4318/v1/traces");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 3128);

        assertEquals(Proxy.NO_PROXY, CollectorSender.proxy(null, endpoint));
        assertEquals(new Proxy(Proxy.Type.HTTP, address),
                CollectorSender.proxy(ProxyOptions.create(ProxySelector.of(address)), endpoint));
        ProxySelector none = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of();
            }

            @Override
            public void connectFailed(URI uri, java.net.SocketAddress sa, IOException ioe) {
            }
        };
        assertEquals(Proxy.NO_PROXY, CollectorSender.proxy(ProxyOptions.create(none), endpoint));
    }

    @Test
    void timeoutsAreNeverZeroWhichWouldMeanForever() {
        assertEquals(1, CollectorSender.millis(0));
        assertEquals(500, CollectorSender.millis(500));
        assertEquals(Integer.MAX_VALUE, CollectorSender.millis(Long.MAX_VALUE));
    }

    @Test
    void plainHttpGoesToThisSenderAndTlsToTheJdkSender() {
        HttpSenderConfig plain = config("http://localhost:4318/v1/traces", null, Map.of(), 1);
        HttpSenderConfig tls = config("https://collector.example.com/v1/traces", null, Map.of(), 1);

        assertInstanceOf(CollectorSender.class, Telemetry.sender(plain, false));
        for (HttpSender jdk : List.of(Telemetry.sender(tls, false), Telemetry.sender(plain, true),
                Telemetry.sender(tls, true))) {
            assertEquals("JdkHttpSender", jdk.getClass().getSimpleName());
            jdk.shutdown();
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new CollectorSender(tls));
        assertEquals("CollectorSender speaks plain HTTP, not https://collector.example.com/v1/traces", refused.getMessage());
    }

    @Test
    void otlpSenderChoosesTheJdkSenderOrTheDefaultAndRefusesAnythingElse() {
        assertEquals(false, Telemetry.jdkSender(Map.of()));
        assertEquals(false, Telemetry.jdkSender(Map.of("OTLP_SENDER", "auto")));
        assertEquals(true, Telemetry.jdkSender(Map.of("OTLP_SENDER", "jdk")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Telemetry.jdkSender(Map.of("OTLP_SENDER", "okhttp")));
        assertEquals("OTLP_SENDER must be auto or jdk, not okhttp", refused.getMessage());
    }

    private static HttpResponse send(HttpSender sender, MessageWriter message) {
        AtomicReference<HttpResponse> response = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        sender.send(message, response::set, error::set);
        assertNull(error.get(), "no error");
        return response.get();
    }

    private static Throwable failure(HttpSender sender) {
        AtomicReference<HttpResponse> response = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        sender.send(message(MESSAGE, MESSAGE.length), response::set, error::set);
        assertNull(response.get(), "no response");
        return error.get();
    }

    private static MessageWriter message(byte[] bytes, int length) {
        return new MessageWriter() {
            @Override
            public void writeMessage(OutputStream output) throws IOException {
                output.write(bytes);
            }

            @Override
            public int getContentLength() {
                return length;
            }
        };
    }

    private static Compressor gzip() {
        return new Compressor() {
            @Override
            public String getEncoding() {
                return "gzip";
            }

            @Override
            public OutputStream compress(OutputStream out) throws IOException {
                return new GZIPOutputStream(out);
            }
        };
    }

    private static HttpSenderConfig config(String endpoint, Compressor compressor, Map<String, List<String>> headers,
            long maxBody) {
        Supplier<Map<String, List<String>>> supplier = () -> headers;
        return new HttpSenderConfig() {
            @Override public URI getEndpoint() { return URI.create(endpoint); }
            @Override public String getContentType() { return "application/x-protobuf"; }
            @Override public Compressor getCompressor() { return compressor; }
            @Override public Duration getTimeout() { return Duration.ofMillis(300); }
            @Override public Duration getConnectTimeout() { return Duration.ofMillis(300); }
            @Override public Supplier<Map<String, List<String>>> getHeadersSupplier() { return supplier; }
            @Override public ProxyOptions getProxyOptions() { return null; }
            @Override public RetryPolicy getRetryPolicy() { return null; }
            @Override public javax.net.ssl.SSLContext getSslContext() { return null; }
            @Override public javax.net.ssl.X509TrustManager getTrustManager() { return null; }
            @Override public ExecutorService getExecutorService() { return null; }
            @Override public long getMaxResponseBodySize() { return maxBody; }
            @Override public List<String> getEnabledProtocols() { return null; }
        };
    }
}
