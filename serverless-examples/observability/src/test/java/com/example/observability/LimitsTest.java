package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every limit accepts its maximum and refuses one more: an off-by-one here turns away valid requests. */
class LimitsTest {

    private static final int MAX = Invoke.MAX_BODY_BYTES;

    @Test
    void aBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIs413() {
        assertEquals(201, Invoke.run(post(itemOfBytes(MAX))).status());
        assertEquals(413, Invoke.run(post(itemOfBytes(MAX + 1))).status());
    }

    @Test
    void aBodyIsMeasuredInUtf8BytesNotCharacters() {
        String name = "\u00e9".repeat(60); // 60 characters, 120 bytes
        String body = padded("{\"name\":\"" + name + "\",\"quantity\":1}", MAX - 60 + 1);

        assertEquals(MAX - 60 + 1, body.length(), "fewer characters than the limit");
        assertEquals(413, Invoke.run(post(body)).status());
    }

    @Test
    void aBase64BodyIsMeasuredDecoded() {
        assertEquals(201, Invoke.run(base64Post(itemOfBytes(MAX))).status(), "exactly the limit once decoded");
        assertEquals(413, Invoke.run(base64Post(itemOfBytes(MAX + 1))).status(), "one byte over once decoded");
    }

    @Test
    void anOversizedBase64BodyIs413BeforeItIsDecoded() {
        Map<String, Object> event = post(null);
        event.put("body", "%".repeat(2 * MAX)); // not even base64: too large is the first answer
        event.put("isBase64Encoded", true);

        Invoke.Response response = Invoke.run(event);

        assertEquals(413, response.status());
        assertEquals("PAYLOAD_TOO_LARGE", response.error().get("code"));
    }

    @Test
    void aLimitOfOneByteIsALimitNotAMisconfiguration() {
        ApiHandler handler = new ApiHandler(Api.router(), 1);
        String event = "{\"rawPath\":\"/items\",\"body\":\"{}\",\"requestContext\":{\"http\":{\"method\":\"POST\"}}}";

        assertEquals(413, Invoke.run(handler, event.getBytes(StandardCharsets.UTF_8)).status());
    }

    @Test
    void nameTakesUpTo100Characters() {
        assertEquals(201, Invoke.run(post(item("\"name\":\"" + "n".repeat(100) + "\",\"quantity\":1"))).status());
        assertEquals(400, Invoke.run(post(item("\"name\":\"" + "n".repeat(101) + "\",\"quantity\":1"))).status());
    }

    @Test
    void descriptionTakesUpTo500Characters() {
        String ok = "\"name\":\"n\",\"quantity\":1,\"description\":\"" + "d".repeat(500) + "\"";
        String over = "\"name\":\"n\",\"quantity\":1,\"description\":\"" + "d".repeat(501) + "\"";
        Invoke.Response accepted = Invoke.run(post(item(ok)));

        assertEquals(201, accepted.status());
        assertEquals(500, ((String) accepted.body().get("description")).length());
        assertEquals(400, Invoke.run(post(item(over))).status());
    }

    @Test
    void quantityRunsFrom1To10000() {
        assertEquals(201, Invoke.run(post(item("\"name\":\"n\",\"quantity\":1"))).status());
        assertEquals(201, Invoke.run(post(item("\"name\":\"n\",\"quantity\":10000"))).status());
        assertEquals(400, Invoke.run(post(item("\"name\":\"n\",\"quantity\":10001"))).status());
    }

    @Test
    void helloTakesANameOfUpTo100Characters() {
        Map<String, Object> event = Invoke.request("GET", "/hello", null);
        event.put("queryStringParameters", Map.of("name", "a".repeat(100)));

        Invoke.Response response = Invoke.run(event);

        assertEquals(200, response.status());
        assertEquals("Hello, " + "a".repeat(100) + "!", response.body().get("message"));
    }

    @Test
    void anUnknownFieldIsNamedUpTo32CharactersThenCut() {
        assertEquals("Unknown field '" + "f".repeat(32) + "'; allowed: description, name, quantity.",
                unknownFieldMessage("f".repeat(32)));
        assertEquals("Unknown field '" + "h".repeat(32) + "...'; allowed: description, name, quantity.",
                unknownFieldMessage("h".repeat(33)));
    }

    private static String unknownFieldMessage(String field) {
        Invoke.Response response = Invoke.run(post(item("\"name\":\"n\",\"quantity\":1,\"" + field + "\":1")));
        assertEquals("VALIDATION_FAILED", response.error().get("code"));
        return (String) response.error().get("message");
    }

    /** A valid item whose JSON is exactly {@code bytes} long (whitespace before the closing brace). */
    private static String itemOfBytes(int bytes) {
        return padded("{\"name\":\"n\",\"quantity\":1}", bytes);
    }

    private static String padded(String json, int length) {
        return json.substring(0, json.length() - 1) + " ".repeat(length - json.length()) + "}";
    }

    private static String item(String fields) {
        return "{" + fields + "}";
    }

    private static Map<String, Object> post(String body) {
        return Invoke.request("POST", "/items", body);
    }

    private static Map<String, Object> base64Post(String body) {
        return Invoke.base64Body(post(null), body.getBytes(StandardCharsets.UTF_8));
    }
}
