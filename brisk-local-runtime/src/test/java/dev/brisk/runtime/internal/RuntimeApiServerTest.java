package dev.brisk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.internal.RuntimeApiServer.Event;
import dev.brisk.runtime.internal.RuntimeApiServer.Kind;
import dev.brisk.runtime.internal.RuntimeApiServer.Pending;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RuntimeApiServerTest {

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RuntimeApiServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = RuntimeApiServer.start(events::add);
        base = "http://" + server.address() + "/2018-06-01/runtime/";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnLoopback() {
        assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
    }

    @Test
    void next_longPollsUntilAnEventIsOffered_andHandsItOutWithLambdasHeaders() throws Exception {
        CompletableFuture<HttpResponse<String>> next = http.sendAsync(get("invocation/next"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(Kind.NEXT, take().kind());
        assertFalse(next.isDone(), "no event yet: the request waits");

        long before = System.currentTimeMillis();
        server.offer(new Pending("req-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 3000,
                "arn:aws:lambda:us-east-1:123456789012:function:f", "Root=1-abc", "{\"client\":1}", "{\"id\":2}"));
        HttpResponse<String> response = next.get(10, TimeUnit.SECONDS);

        assertEquals(200, response.statusCode());
        assertEquals("{\"a\":1}", response.body());
        assertEquals("req-1", header(response, "Lambda-Runtime-Aws-Request-Id"));
        long deadline = Long.parseLong(header(response, "Lambda-Runtime-Deadline-Ms"));
        assertTrue(deadline >= before + 3000 && deadline <= System.currentTimeMillis() + 3000, "deadline " + deadline);
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:f",
                header(response, "Lambda-Runtime-Invoked-Function-Arn"));
        assertEquals("Root=1-abc", header(response, "Lambda-Runtime-Trace-Id"));
        assertEquals("{\"client\":1}", header(response, "Lambda-Runtime-Client-Context"));
        assertEquals("{\"id\":2}", header(response, "Lambda-Runtime-Cognito-Identity"));
        Event handedOut = take();
        assertEquals(Kind.HANDED_OUT, handedOut.kind());
        assertEquals("req-1", handedOut.requestId());
    }

    @Test
    void optionalHeaders_areLeftOutWhenAbsent() throws Exception {
        server.offer(pending("req-2"));
        HttpResponse<String> response = http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());

        assertTrue(response.headers().firstValue("Lambda-Runtime-Client-Context").isEmpty());
        assertTrue(response.headers().firstValue("Lambda-Runtime-Cognito-Identity").isEmpty());
        assertTrue(response.headers().firstValue("Lambda-Runtime-Trace-Id").isEmpty());
    }

    @Test
    void response_isAcceptedAndReportedWithItsBody() throws Exception {
        handOut("req-3");

        HttpResponse<String> accepted = http.send(post("invocation/req-3/response", "{\"ok\":true}", Map.of()),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(202, accepted.statusCode());
        Event e = take();
        assertEquals(Kind.RESPONSE, e.kind());
        assertEquals("req-3", e.requestId());
        assertEquals("{\"ok\":true}", e.bodyText());
    }

    @Test
    void error_isReportedWithTheErrorTypeHeader() throws Exception {
        handOut("req-4");

        HttpResponse<String> accepted = http.send(post("invocation/req-4/error",
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\"}",
                Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.UserException")),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(202, accepted.statusCode());
        Event e = take();
        assertEquals(Kind.ERROR, e.kind());
        assertEquals("req-4", e.requestId());
        assertEquals("Runtime.UserException", e.errorType());
        assertTrue(e.bodyText().contains("boom"));
    }

    @Test
    void unknownRequestId_isRejected() throws Exception {
        HttpResponse<String> rejected = http.send(post("invocation/nope/response", "{}", Map.of()),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, rejected.statusCode());
        assertTrue(rejected.body().contains("InvalidRequestID"), rejected.body());
        assertNull(events.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aRequestIdIsAnsweredOnce() throws Exception {
        handOut("req-5");
        assertEquals(202, http.send(post("invocation/req-5/response", "1", Map.of()),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        assertEquals(400, http.send(post("invocation/req-5/response", "2", Map.of()),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void responseOverSixMegabytes_isRefusedAndReportedAsAnError() throws Exception {
        handOut("req-6");
        String big = "\"" + "x".repeat(RuntimeApiServer.MAX_RESPONSE_BYTES) + "\"";

        HttpResponse<String> refused = http.send(post("invocation/req-6/response", big, Map.of()),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(413, refused.statusCode());
        Event e = take();
        assertEquals(Kind.ERROR, e.kind());
        assertEquals("Function.ResponseSizeTooLarge", e.errorType());
    }

    @Test
    void initError_andRestore_areReported() throws Exception {
        assertEquals(202, http.send(post("init/error", "{\"errorType\":\"E\"}",
                Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.BadFunctionCode")),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        Event init = take();
        assertEquals(Kind.INIT_ERROR, init.kind());
        assertEquals("Runtime.BadFunctionCode", init.errorType());

        assertEquals(200, http.send(get("restore/next"), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(Kind.RESTORE_NEXT, take().kind());

        assertEquals(202, http.send(post("restore/error", "{}", Map.of()),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(Kind.RESTORE_ERROR, take().kind());
    }

    @Test
    void unknownPath_isNotFound() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + server.address() + "/other"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, r.statusCode());
    }

    @Test
    void keepAlive_andChunkedBodies_onOneConnection() throws Exception {
        server.offer(pending("req-7"));
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(server.address().split(":")[1]))) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            skipResponse(in);

            out.write(("POST /2018-06-01/runtime/invocation/req-7/response HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 202 Accepted", in.readLine());
        }
        take(); // NEXT
        take(); // HANDED_OUT
        Event e = take();
        assertEquals(Kind.RESPONSE, e.kind());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), e.body());
    }

    @Test
    void reset_keepsAStaleRuntimeFromTakingTheNextEvent() throws Exception {
        try (Socket stale = new Socket("127.0.0.1", Integer.parseInt(server.address().split(":")[1]))) {
            stale.getOutputStream().write("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            stale.getOutputStream().flush();
            Event first = take();
            assertEquals(Kind.NEXT, first.kind());

            int generation = server.reset();
            server.offer(pending("req-8"));

            assertEquals(-1, stale.getInputStream().read(), "the stale poll is cut off without an event");
            HttpResponse<String> fresh = http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());
            assertEquals("req-8", header(fresh, "Lambda-Runtime-Aws-Request-Id"));
            List<Event> rest = drain();
            assertTrue(rest.stream().allMatch(e -> e.generation() == generation), rest::toString);
            assertEquals(generation - 1, first.generation());
        }
    }

    private void handOut(String id) throws Exception {
        server.offer(pending(id));
        HttpResponse<String> r = http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());
        assertEquals(id, header(r, "Lambda-Runtime-Aws-Request-Id"));
        assertEquals(Kind.NEXT, take().kind());
        assertEquals(Kind.HANDED_OUT, take().kind());
    }

    private static Pending pending(String id) {
        return new Pending(id, "{}".getBytes(StandardCharsets.UTF_8), 1000, "arn", null, null, null);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private HttpRequest post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return b.build();
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private Event take() throws InterruptedException {
        Event e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event");
        }
        return e;
    }

    private List<Event> drain() throws InterruptedException {
        List<Event> list = new ArrayList<>();
        Event e;
        while ((e = events.poll(200, TimeUnit.MILLISECONDS)) != null) {
            list.add(e);
        }
        return Collections.unmodifiableList(list);
    }

    private static void skipResponse(BufferedReader in) throws IOException {
        int length = 0;
        String line;
        while (!(line = in.readLine()).isEmpty()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skip(length);
    }
}
