package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void postsTheMessageWithItsLengthAndTypeAndReportsTheAnswer() throws IOException {
        byte[] answer = {8, 1};
        CollectorSender sender = new CollectorSender(URI.create(serve(200, answer)), 300);

        CollectorSender.Response response = sender.post(MESSAGE);

        assertEquals(200, response.status());
        assertEquals("OK", response.reason());
        assertArrayEquals(answer, response.body());
        assertArrayEquals(MESSAGE, bodies.get(0));
        Headers sent = headers.get(0);
        assertEquals("application/x-protobuf", sent.getFirst("Content-Type"));
        assertEquals(String.valueOf(MESSAGE.length), sent.getFirst("Content-Length"));
        assertNull(sent.getFirst("Content-Encoding"));
        assertNull(sent.getFirst("Transfer-Encoding"), "a fixed length, never chunked");
    }

    @Test
    void theConnectionIsKeptForTheNextExport() throws IOException {
        CollectorSender sender = new CollectorSender(URI.create(serve(200, new byte[] {1})), 300, 4096);

        sender.post(MESSAGE);
        sender.post(MESSAGE);

        assertEquals(2, ports.size());
        assertEquals(ports.get(0), ports.get(1), "the second export reuses the first one's connection");
    }

    @Test
    void aRefusalIsAResponseWithTheCollectorsBodyCutToTheLimit() throws IOException {
        byte[] status = "a status message longer than ten bytes".getBytes(StandardCharsets.UTF_8);
        CollectorSender sender = new CollectorSender(URI.create(serve(400, status)), 300, 10);

        CollectorSender.Response response = sender.post(MESSAGE);

        assertEquals(400, response.status());
        assertEquals("Bad Request", response.reason());
        assertEquals("a status m", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aLongAnswerIsReadWholeButKeptOnlyToTheLimit() throws IOException {
        byte[] status = new byte[3_000];
        for (int i = 0; i < status.length; i++) {
            status[i] = (byte) ('a' + i % 26);
        }
        CollectorSender sender = new CollectorSender(URI.create(serve(503, status)), 300, 1_500);

        CollectorSender.Response first = sender.post(MESSAGE);
        CollectorSender.Response second = sender.post(MESSAGE);

        assertEquals(503, first.status());
        assertArrayEquals(java.util.Arrays.copyOf(status, 1_500), first.body());
        assertArrayEquals(first.body(), second.body());
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
            CollectorSender sender = new CollectorSender(URI.create("http://127.0.0.1:" + closing.getLocalPort() + "/v1/traces"), 300);

            Throwable error = failure(sender);
            Thread.sleep(200); // a resend, if any, would have arrived by now

            assertInstanceOf(IOException.class, error);
            assertEquals(1, received.get(), "the spans were sent once");
        }
    }

    @Test
    void aCollectorThatIsDownIsAConnectFailure() {
        CollectorSender sender = new CollectorSender(URI.create(Collector.refusedUrl() + "/v1/traces"), 300);

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
                CollectorSender sender = new CollectorSender(URI.create("http://127.0.0.1:" + full.getLocalPort() + "/v1/traces"), 300);

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
            CollectorSender sender = new CollectorSender(URI.create(hanging.url() + "/v1/traces"), 300);

            long started = System.nanoTime();
            Throwable error = failure(sender);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertInstanceOf(SocketTimeoutException.class, error);
            assertTrue(millis >= 250 && millis < 2_500, "answered in " + millis + " ms, timeout 300 ms");
        }
    }

    @Test
    void timeoutsAreNeverZeroWhichWouldMeanForever() {
        assertEquals(1, CollectorSender.millis(0));
        assertEquals(500, CollectorSender.millis(500));
        assertEquals(Integer.MAX_VALUE, CollectorSender.millis(Long.MAX_VALUE));
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

    @Test
    void neverThroughTheJvmsProxy() throws IOException {
        String endpoint = serve(200, new byte[0]);
        ProxySelector before = ProxySelector.getDefault();
        List<URI> asked = new CopyOnWriteArrayList<>();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 9)));
            }

            @Override
            public void connectFailed(URI uri, java.net.SocketAddress sa, IOException ioe) {
            }
        });
        try {
            assertEquals(200, new CollectorSender(URI.create(endpoint), 300).post(MESSAGE).status());
        } finally {
            ProxySelector.setDefault(before);
        }
        assertEquals(List.of(), asked);
        assertEquals(1, bodies.size());
    }

    @Test
    void speaksPlainHttpOnly() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CollectorSender(URI.create("https://collector.example.com/v1/traces"), 300));
        assertEquals("CollectorSender speaks plain HTTP, not https://collector.example.com/v1/traces", refused.getMessage());
    }

    @Test
    void plainHttpGoesToOtlpSpansAndTlsOrOtlpSenderJdkToOpenTelemetrysExporter() {
        assertInstanceOf(OtlpSpans.class, Telemetry.otlp("http://localhost:4318/v1/traces", 300, false));
        for (SpanExporter otel : List.of(Telemetry.otlp("https://collector.example.com/v1/traces", 300, false),
                Telemetry.otlp("http://localhost:4318/v1/traces", 300, true))) {
            assertEquals("OtlpHttpSpanExporter", otel.getClass().getSimpleName());
            otel.shutdown();
        }
    }

    private static Throwable failure(CollectorSender sender) {
        return assertThrows(IOException.class, () -> sender.post(MESSAGE));
    }
}
