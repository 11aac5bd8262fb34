package com.example.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiHandlerTest {

    @Test
    void helloGreetsTheNameFromTheQuery() {
        Map<String, Object> event = Invoke.request("GET", "/hello", null);
        event.put("queryStringParameters", Map.of("name", "Ada"));

        Invoke.Response response = Invoke.run(event);

        assertEquals(200, response.status());
        assertEquals("application/json", response.headers().get("content-type"));
        assertEquals(Map.of("message", "Hello, Ada!"), response.body());
    }

    @Test
    void helloGreetsTheWorldWithoutAName() {
        Invoke.Response response = Invoke.run(Invoke.request("GET", "/hello", null));

        assertEquals(200, response.status());
        assertEquals("Hello, World!", response.body().get("message"));
    }

    @Test
    void helloEscapesWhatItEchoes() {
        Map<String, Object> event = Invoke.request("GET", "/hello", null);
        event.put("queryStringParameters", Map.of("name", "\"},{\"x\":1"));

        Invoke.Response response = Invoke.run(event);

        assertEquals(200, response.status());
        assertEquals(Map.of("message", "Hello, \"},{\"x\":1!"), response.body());
    }

    @Test
    void healthAnswersOk() {
        Invoke.Response response = Invoke.run(Invoke.request("GET", "/health", null));

        assertEquals(200, response.status());
        assertEquals(Map.of("status", "ok"), response.body());
    }

    @Test
    void createItemAnswers201WithTheCreatedItemAndItsLocation() {
        String body = "{\"name\": \"  Espresso beans \", \"quantity\": 3, \"description\": \"Dark roast\"}";

        Invoke.Response response = Invoke.run(Invoke.request("POST", "/items", body));

        assertEquals(201, response.status());
        Map<String, Object> item = response.body();
        assertEquals("Espresso beans", item.get("name"));
        assertEquals(3, ((Number) item.get("quantity")).intValue());
        assertEquals("Dark roast", item.get("description"));
        assertEquals(36, ((String) item.get("id")).length());
        assertNotNull(item.get("createdAt"));
        assertEquals("/items/" + item.get("id"), response.headers().get("location"));
    }

    @Test
    void createItemDecodesABase64Body() {
        Map<String, Object> event = Invoke.request("POST", "/items", null);
        Invoke.base64Body(event, "{\"name\":\"Crème\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));

        Invoke.Response response = Invoke.run(event);

        assertEquals(201, response.status());
        assertEquals("Crème", response.body().get("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"})
    void createItemTakesJsonWithOrWithoutACharset(String contentType) {
        Map<String, Object> event = Invoke.request("POST", "/items", "{\"name\":\"a\",\"quantity\":1}");
        event.put("headers", Map.of("content-type", contentType));

        assertEquals(201, Invoke.run(event).status());
    }

    @Test
    void anItemWithoutADescriptionHasNoDescriptionField() {
        Invoke.Response response = Invoke.run(Invoke.request("POST", "/items", "{\"name\":\"a\",\"quantity\":1}"));

        assertEquals(201, response.status());
        assertEquals(Set.of("id", "name", "quantity", "createdAt"), response.body().keySet());
    }

    @Test
    void aRequestWithoutABodyHasANullBody() {
        Map<String, Object> event = Map.of("rawPath", "/items", "requestContext", Map.of("http", Map.of("method", "post")));

        HttpRequest request = HttpRequest.from(event, "id", Invoke.MAX_BODY_BYTES);

        assertNull(request.body());
        assertEquals("POST", request.method());
    }

    @Test
    void twoItemsNeverShareAnId() {
        String body = "{\"name\":\"a\",\"quantity\":1}";
        Object first = Invoke.run(Invoke.request("POST", "/items", body)).body().get("id");
        Object second = Invoke.run(Invoke.request("POST", "/items", body)).body().get("id");

        assertFalse(first.equals(second));
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Invoke.Response response = Invoke.run(Invoke.request("DELETE", "/items", null));

        assertEquals(405, response.status());
        assertEquals("POST", response.headers().get("allow"));
        assertEquals("METHOD_NOT_ALLOWED", response.error().get("code"));
    }

    /** The shared AWS samples (paths this API does not serve) must get a well-formed JSON 404. */
    @ParameterizedTest
    @ValueSource(strings = {"http-api-v2.json", "http-api-v2-get.json", "http-api-v2-post.json",
        "http-api-v2-trailing-slash.json"})
    void everyRealAwsSampleGetsAWellFormedAnswer(String sample) {
        Invoke.Response response = Invoke.run(Invoke.event(sample));

        assertEquals(404, response.status());
        assertEquals("application/json", response.headers().get("content-type"));
        assertEquals(Map.of("code", "NOT_FOUND", "message", "No route matches this path.", "requestId", "id"),
                response.error());
    }

    @Test
    void warmUpIsAnsweredWithoutReachingTheRouter() {
        AtomicInteger routed = new AtomicInteger();
        Router counting = new Router().on("GET", "/hello", request -> {
            routed.incrementAndGet();
            return HttpResponse.json(200, Map.of());
        });
        ApiHandler handler = new ApiHandler(counting, Invoke.MAX_BODY_BYTES);

        Invoke.Response warm = Invoke.run(handler, "{\"warmer\": true}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("warmed", true), warm.envelope());
        assertEquals(0, routed.get());

        Invoke.run(handler, "{\"rawPath\":\"/hello\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(1, routed.get(), "a real request does reach the router");
    }

    @Test
    void aScheduledEventThatIsNotTheWarmUpIsRejectedAsNotHttp() {
        Invoke.Response response = Invoke.run(Invoke.event("scheduled-event.json"));

        assertEquals(400, response.status());
        assertEquals("BAD_EVENT", response.error().get("code"));
    }

    @Test
    void anUnexpectedFailureIs500WithoutDetailsOrInput() {
        Router failing = new Router().on("POST", "/items", request -> {
            throw new IllegalStateException("database password=hunter2 rejected " + request.body());
        });
        ApiHandler handler = new ApiHandler(failing, Invoke.MAX_BODY_BYTES);
        String event = "{\"rawPath\":\"/items\",\"body\":\"secret-input\",\"requestContext\":"
                + "{\"requestId\":\"req-9\",\"http\":{\"method\":\"POST\"}}}";

        Invoke.Response response = Invoke.run(handler, event.getBytes(StandardCharsets.UTF_8));

        assertEquals(500, response.status());
        assertEquals(Map.of("code", "INTERNAL_ERROR", "message", "The request could not be processed.",
                "requestId", "req-9"), response.error());
        for (String leak : List.of("hunter2", "secret-input", "IllegalStateException", "at ")) {
            assertFalse(response.raw().contains(leak), "response leaks " + leak);
        }
    }

    @Test
    void anUnexpectedFailureIsLoggedForTheOperatorWithItsRequestIdAndStackTrace() {
        Router failing = new Router().on("GET", "/hello", request -> {
            throw new IllegalStateException("boom");
        });
        ApiHandler handler = new ApiHandler(failing, Invoke.MAX_BODY_BYTES);
        String event = "{\"rawPath\":\"/hello\",\"requestContext\":{\"requestId\":\"req-7\",\"http\":{\"method\":\"GET\"}}}";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;

        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Invoke.run(handler, event.getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }

        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("Unhandled error in request req-7: java.lang.IllegalStateException: boom"), logged);
        assertTrue(logged.contains("\tat " + ApiHandlerTest.class.getName()), "the stack trace is logged: " + logged);
    }

    @Test
    void snapStartPrimingRunsTheRealRoutesSuccessfully() {
        List<String> answered = new ArrayList<>();
        Router recording = new Router()
                .on("GET", "/hello", request -> record(answered, request, Api.hello(request)))
                .on("POST", "/items", request -> record(answered, request, Items.create(request)));

        new SnapStartPriming(new ApiHandler(recording, Invoke.MAX_BODY_BYTES)).beforeCheckpoint();

        assertEquals(List.of("GET /hello 200", "POST /items 201"), answered);
    }

    private static HttpResponse record(List<String> answered, HttpRequest request, HttpResponse response) {
        answered.add(request.method() + " " + request.path() + " " + response.status());
        return response;
    }

    @Test
    void responsesCarryNoCorsHeadersBecauseApiGatewayAddsThem() {
        Invoke.Response response = Invoke.run(Invoke.request("GET", "/health", null));

        assertTrue(response.headers().keySet().stream().noneMatch(h -> h.startsWith("access-control-")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aBodyLimitBelowOneFailsTheInitNamingTheVariable(int limit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiHandler(Api.router(), limit));

        assertEquals("MAX_BODY_BYTES must be at least 1, not " + limit, e.getMessage());
    }
}
