package com.example.observability;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP collector in the test's JVM: decodes what the exporter posts to /v1/traces with the OTLP protobuf
 * messages. {@link #hanging()} accepts connections and never answers; {@link #refusedUrl()} is a port nobody
 * listens on.
 */
final class Collector implements AutoCloseable {

    private final HttpServer server;
    private final ServerSocket hangingSocket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
    private final List<com.sun.net.httpserver.Headers> headers = new CopyOnWriteArrayList<>();

    private Collector(HttpServer server, ServerSocket hangingSocket) {
        this.server = server;
        this.hangingSocket = hangingSocket;
    }

    /** Answers every export 200 with an empty ExportTraceServiceResponse, as a collector does. */
    static Collector start() {
        return start(0);
    }

    /** The same, on a given port (0: any free one). */
    static Collector start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            Collector collector = new Collector(server, null);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    collector.headers.add(exchange.getRequestHeaders());
                    if (!"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                        exchange.sendResponseHeaders(415, -1);
                        return;
                    }
                    collector.requests.add(ExportTraceServiceRequest.parseFrom(body));
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts every connection, reads nothing and never answers: a collector that is stuck. */
    static Collector hanging() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Collector collector = new Collector(null, socket);
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        collector.held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hanging-collector");
            acceptor.setDaemon(true);
            acceptor.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL on a port that was free a moment ago: connections are refused. */
    static String refusedUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        int port = server != null ? server.getAddress().getPort() : hangingSocket.getLocalPort();
        return "http://127.0.0.1:" + port;
    }

    /** Every span received so far, in arrival order. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (ExportTraceServiceRequest request : requests) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    spans.addAll(scope.getSpansList());
                }
            }
        }
        return spans;
    }

    /** The headers of each export, in arrival order. */
    List<com.sun.net.httpserver.Headers> headers() {
        return headers;
    }

    /** How many exports arrived, empty ones included. */
    int requests() {
        return requests.size();
    }

    /** Waits until {@code count} exports arrived, at most {@code millis}; whether they did. */
    boolean awaitRequests(int count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (requests.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return requests.size() >= count;
    }

    /** The resource attributes of the first export. */
    List<io.opentelemetry.proto.common.v1.KeyValue> resource() {
        return requests.get(0).getResourceSpans(0).getResource().getAttributesList();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        try {
            if (hangingSocket != null) {
                hangingSocket.close();
            }
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
