package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP API on loopback for the tests, in-process (the JDK's com.sun.net.httpserver, one virtual thread per
 * request): /ok/* answers 200 after {@code delayMillis}, /slow sleeps 30 s, /fail answers 500, /redirect answers 302
 * to another server, /status/N answers N with no body, /bytes/N answers 200 with N bytes. It records every request
 * (path, headers, the client's port: one port for two requests is one reused connection) and the most it had in flight
 * at once.
 */
final class LocalApi implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final int delayMillis;
    private final String redirectTo;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** A request as the server saw it. */
    record Request(String uri, String userAgent, String accept, int clientPort) {
    }

    private LocalApi(int delayMillis, String redirectTo) {
        this.delayMillis = delayMillis;
        this.redirectTo = redirectTo;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    /** A server whose /ok/* answers take {@code delayMillis}. */
    static LocalApi answeringIn(int delayMillis) {
        return new LocalApi(delayMillis, "http://127.0.0.1:9/elsewhere");
    }

    /** A server whose /redirect points at {@code location}. */
    static LocalApi redirectingTo(String location) {
        return new LocalApi(0, location);
    }

    /** http://127.0.0.1:port */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    List<String> requested() {
        return List.copyOf(requested);
    }

    /** A loopback URL where nothing listens: connections are refused. */
    static String refusingUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request counts as in flight from its arrival until its answer starts: once the answer is sent the client may
     * start its next request, so counting any later would count one request twice.
     */
    private void answer(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requested.add(exchange.getRequestURI().toString());
            requests.add(new Request(exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRemoteAddress().getPort()));
            if (path.startsWith("/ok")) {
                sleep(delayMillis);
                send(exchange, 200, "{\"status\":\"ok\"}");
            } else if (path.equals("/slow")) {
                sleep(30_000);
                send(exchange, 200, "{}");
            } else if (path.equals("/fail")) {
                send(exchange, 500, "{\"error\":\"boom\"}");
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", redirectTo);
                send(exchange, 302, "");
            } else if (path.startsWith("/status/")) {
                int status = Integer.parseInt(path.substring("/status/".length()));
                send(exchange, status, "");
            } else if (path.startsWith("/bytes/")) {
                send(exchange, 200, "x".repeat(Integer.parseInt(path.substring("/bytes/".length()))));
            } else {
                send(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        inFlight.decrementAndGet();
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
