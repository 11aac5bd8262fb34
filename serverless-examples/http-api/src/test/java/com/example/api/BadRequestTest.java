package com.example.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.brisk.lambda.test.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets the right 4xx and a well-formed JSON error body, never a 5xx. */
class BadRequestTest {

    private static final String VALID = "{\"name\":\"n\",\"quantity\":1}";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("truncated JSON", 400, "BAD_REQUEST", () -> post("{\"name\":\"n\",\"quan")),
                bad("not JSON at all", 400, "BAD_REQUEST", () -> post("name=n&quantity=1")),
                bad("JSON array instead of object", 400, "BAD_REQUEST", () -> post("[1,2,3]")),
                bad("JSON null literal", 400, "BAD_REQUEST", () -> post("null")),
                bad("trailing data after the object", 400, "BAD_REQUEST", () -> post(VALID + "{}")),
                bad("duplicate field", 400, "BAD_REQUEST", () -> post("{\"name\":\"a\",\"name\":\"b\",\"quantity\":1}")),
                bad("deep nesting", 400, "BAD_REQUEST",
                        () -> post("{\"name\":" + "[".repeat(200) + "]".repeat(200) + ",\"quantity\":1}")),
                bad("empty body", 400, "BAD_REQUEST", () -> post("")),
                bad("no body at all", 400, "BAD_REQUEST", () -> post(null)),
                bad("missing name", 400, "VALIDATION_FAILED", () -> post("{\"quantity\":1}")),
                bad("missing quantity", 400, "VALIDATION_FAILED", () -> post("{\"name\":\"n\"}")),
                bad("name of the wrong type", 400, "VALIDATION_FAILED", () -> post("{\"name\":42,\"quantity\":1}")),
                bad("quantity as a string", 400, "VALIDATION_FAILED", () -> post("{\"name\":\"n\",\"quantity\":\"1\"}")),
                bad("quantity with a fraction", 400, "VALIDATION_FAILED", () -> post("{\"name\":\"n\",\"quantity\":1.5}")),
                bad("quantity out of range", 400, "VALIDATION_FAILED", () -> post("{\"name\":\"n\",\"quantity\":0}")),
                bad("huge number", 400, "VALIDATION_FAILED",
                        () -> post("{\"name\":\"n\",\"quantity\":99999999999999999999}")),
                bad("blank name", 400, "VALIDATION_FAILED", () -> post("{\"name\":\"   \",\"quantity\":1}")),
                bad("name too long", 400, "VALIDATION_FAILED",
                        () -> post("{\"name\":\"" + "x".repeat(101) + "\",\"quantity\":1}")),
                bad("unknown field", 400, "VALIDATION_FAILED", () -> post("{\"name\":\"n\",\"quantity\":1,\"price\":3}")),
                bad("invalid base64", 400, "BAD_REQUEST", () -> {
                    Map<String, Object> event = post(null);
                    event.put("body", "%%%not-base64%%%");
                    event.put("isBase64Encoded", true);
                    return event;
                }),
                bad("non-UTF-8 bytes", 400, "BAD_REQUEST",
                        () -> Invoke.base64Body(post(null), new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})),
                bad("body over the limit", 413, "PAYLOAD_TOO_LARGE",
                        () -> post("{\"name\":\"" + "x".repeat(Invoke.MAX_BODY_BYTES) + "\",\"quantity\":1}")),
                bad("base64 body over the limit", 413, "PAYLOAD_TOO_LARGE",
                        () -> Invoke.base64Body(post(null), new byte[Invoke.MAX_BODY_BYTES * 2])),
                bad("wrong content type", 415, "UNSUPPORTED_MEDIA_TYPE", () -> {
                    Map<String, Object> event = post(VALID);
                    event.put("headers", Map.of("content-type", "text/plain"));
                    return event;
                }),
                bad("a JSON-like content type", 415, "UNSUPPORTED_MEDIA_TYPE", () -> {
                    Map<String, Object> event = post(VALID);
                    event.put("headers", Map.of("content-type", "application/json-seq"));
                    return event;
                }),
                bad("unknown route", 404, "NOT_FOUND", () -> Invoke.request("GET", "/nope", null)),
                bad("unknown method", 405, "METHOD_NOT_ALLOWED", () -> Invoke.request("PATCH", "/hello", null)),
                bad("name query too long", 400, "VALIDATION_FAILED", () -> {
                    Map<String, Object> event = Invoke.request("GET", "/hello", null);
                    event.put("queryStringParameters", Map.of("name", "y".repeat(101)));
                    return event;
                }),
                bad("event without requestContext", 400, "BAD_EVENT", () -> Map.of("rawPath", "/hello")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithAJsonClientError(String description, int status, String code,
            Supplier<Map<String, Object>> event) {
        Map<String, Object> request = event.get();

        Invoke.Response response = Invoke.run(request);

        assertEquals(status, response.status(), description);
        assertEquals("application/json", response.headers().get("content-type"));
        Map<String, Object> error = response.error();
        assertEquals(code, error.get("code"));
        assertFalse(((String) error.get("message")).isBlank());
        String requestId = request.containsKey("requestContext") ? "id" : TestContext.REQUEST_ID;
        assertEquals(requestId, error.get("requestId"));
    }

    @Test
    void malformedEventBytesGetA400() {
        Invoke.Response response = Invoke.run(new ApiHandler(Api.router(), Invoke.MAX_BODY_BYTES),
                "{\"rawPath\": ".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.status());
        assertEquals(TestContext.REQUEST_ID, response.error().get("requestId"));
    }

    private static Arguments bad(String description, int status, String code, Supplier<Map<String, Object>> event) {
        return Arguments.of(description, status, code, event);
    }

    private static Map<String, Object> post(String body) {
        return Invoke.request("POST", "/items", body);
    }
}
