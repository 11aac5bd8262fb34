package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * DynamoDb's side of the protocol that a local DynamoDB cannot provoke: throttling, 5xx, I/O errors and corrupted
 * answers, through a transport that plays back scripted answers and records what was sent. The protocol itself is
 * tested against moto_server (DynamoDbIdempotencyStoreTest) and the signature against the SDK's (SigV4Test).
 */
class DynamoDbTest {

    private static final URI ENDPOINT = URI.create("https://dynamodb.eu-west-1.amazonaws.com");

    /** Answers in order; an IOException in the script is thrown instead of answering. */
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<Map<String, String>> sentHeaders = new ArrayList<>();
    private final List<String> sentBodies = new ArrayList<>();

    private final DynamoDb dynamoDb = new DynamoDb(ENDPOINT, "eu-west-1",
            () -> new Credentials("AKID", "secret", "token"), (endpoint, headers, body) -> {
                assertEquals(ENDPOINT, endpoint);
                sentHeaders.add(headers);
                sentBodies.add(new String(body, StandardCharsets.UTF_8));
                Object next = script.removeFirst();
                if (next instanceof IOException e) {
                    throw e;
                }
                return (DynamoDb.Response) next;
            }, 3, new MutableClock(Instant.parse("2026-01-31T12:00:00Z")));

    private static DynamoDb.Response answer(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new DynamoDb.Response(status, Long.toString(crc.getValue()), bytes);
    }

    /** DynamoDB's error document: its __type is the error's name after the protocol's namespace. */
    private static DynamoDb.Response error(int status, String type, String message, String... more) {
        return answer(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\""
                + message + "\"" + String.join("", more) + "}");
    }

    @Test
    void aCallIsASignedJsonPostNamingTheOperation() {
        script.add(answer(200, "{\"Attributes\":{}}"));

        JSONObject result = dynamoDb.call("PutItem", new JSONObject().put("TableName", "t"));

        assertTrue(result.has("Attributes"));
        Map<String, String> headers = sentHeaders.get(0);
        assertEquals("DynamoDB_20120810.PutItem", headers.get("x-amz-target"));
        assertEquals("application/x-amz-json-1.0", headers.get("content-type"));
        assertEquals("dynamodb.eu-west-1.amazonaws.com", headers.get("host"));
        assertEquals("20260131T120000Z", headers.get("x-amz-date"));
        assertEquals("token", headers.get("x-amz-security-token"));
        assertTrue(headers.get("authorization").startsWith(
                "AWS4-HMAC-SHA256 Credential=AKID/20260131/eu-west-1/dynamodb/aws4_request, SignedHeaders="
                        + "content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="),
                headers.get("authorization"));
        assertEquals("{\"TableName\":\"t\"}", sentBodies.get(0));
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedThenSucceed() {
        script.add(error(500, "InternalServerError", "try again"));
        script.add(error(400, "ProvisionedThroughputExceededException", "slow down"));
        script.add(answer(200, "{}"));

        dynamoDb.call("DeleteItem", new JSONObject());

        assertEquals(3, sentBodies.size());
        assertEquals(1, sentBodies.stream().distinct().count(), "the same request each time");
    }

    @Test
    void anIoErrorIsRetried() {
        script.add(new IOException("Connection reset"));
        script.add(answer(200, "{}"));

        dynamoDb.call("PutItem", new JSONObject());

        assertEquals(2, sentBodies.size());
    }

    @Test
    void retriesStopAfterMaxAttemptsWithTheLastError() {
        script.add(error(503, "ServiceUnavailable", "one"));
        script.add(error(503, "ServiceUnavailable", "two"));
        script.add(error(503, "ServiceUnavailable", "three"));

        DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class, () -> dynamoDb.call("PutItem", new JSONObject()));

        assertEquals(3, sentBodies.size());
        assertEquals("ServiceUnavailable", e.type());
        assertEquals("DynamoDB PutItem: ServiceUnavailable (HTTP 503): three", e.getMessage());
    }

    @Test
    void aClientErrorIsNotRetriedAndKeepsDynamoDbsAnswer() {
        script.add(error(400, "ConditionalCheckFailedException", "The conditional request failed",
                ",\"Item\":{\"status\":{\"S\":\"COMPLETED\"}}"));

        DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class, () -> dynamoDb.call("PutItem", new JSONObject()));

        assertEquals(1, sentBodies.size());
        assertEquals("ConditionalCheckFailedException", e.type());
        assertFalse(e.retryable());
        assertEquals("COMPLETED", e.body().getJSONObject("Item").getJSONObject("status").getString("S"));
    }

    @Test
    void aValidationErrorNamesItsCause() {
        script.add(error(400, "ValidationException", "One or more parameter values were invalid"));

        DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class, () -> dynamoDb.call("PutItem", new JSONObject()));

        assertEquals("DynamoDB PutItem: ValidationException (HTTP 400): One or more parameter values were invalid",
                e.getMessage());
        assertEquals(1, sentBodies.size());
    }

    @Test
    void anAnswerThatDoesNotMatchItsCrc32IsRetried() {
        DynamoDb.Response good = answer(200, "{\"ok\":true}");
        script.add(new DynamoDb.Response(200, good.crc32(), "{\"ok\":fals}".getBytes(StandardCharsets.UTF_8)));
        script.add(good);

        assertTrue(dynamoDb.call("PutItem", new JSONObject()).getBoolean("ok"));
        assertEquals(2, sentBodies.size());
    }

    @Test
    void aGatewayErrorPageIsReportedByItsStatusAndRetried() {
        script.add(new DynamoDb.Response(502, null, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));
        script.add(new DynamoDb.Response(502, null, new byte[0]));
        script.add(new DynamoDb.Response(502, null, new byte[0]));

        DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class, () -> dynamoDb.call("PutItem", new JSONObject()));

        assertEquals("HTTP 502", e.type());
        assertEquals(3, sentBodies.size());
    }

    @Test
    void ioErrorsToTheLastAttemptFailWithTheirMessageAndNoHttpStatus() {
        script.add(new IOException("Connection reset"));
        script.add(new IOException("Connection reset"));
        script.add(new IOException("Connection refused"));

        DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class, () -> dynamoDb.call("PutItem", new JSONObject()));

        assertEquals("DynamoDB PutItem: IOException: Connection refused", e.getMessage());
        assertTrue(e.retryable());
    }

    @Test
    void theJitteredDelayCoversItsWholeRangeFromZeroToTheCeiling() {
        Set<Long> first = new HashSet<>();
        long highest = 0;
        for (int i = 0; i < 2_000; i++) {
            first.add(DynamoDb.Jitter.delay(1));
            highest = Math.max(highest, DynamoDb.Jitter.delay(4));
        }

        assertEquals(DynamoDb.BASE_DELAY_MS + 1, first.size(), "every delay of [0, 25] ms drawn: " + first);
        assertTrue(highest > 4 * DynamoDb.BASE_DELAY_MS, "the fourth attempt's ceiling doubles three times: " + highest);
    }

    @Test
    void theJitteredDelayStaysWithinItsExponentialCeiling() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(DynamoDb.MAX_DELAY_MS, DynamoDb.BASE_DELAY_MS << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long delay = DynamoDb.Jitter.delay(attempt);
                assertTrue(delay >= 0 && delay <= ceiling, "attempt " + attempt + ": " + delay + " ms");
            }
        }
    }

    @Test
    void theEndpointIsTheRegionsUnlessAwsEndpointUrlDynamoDbNamesOne() {
        Map<String, String> keys = Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b");
        assertEquals(URI.create("https://dynamodb.eu-central-1.amazonaws.com"),
                DynamoDb.fromEnvironment(with(keys, "AWS_REGION", "eu-central-1")).endpoint());
        assertEquals(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"),
                DynamoDb.fromEnvironment(with(keys, "AWS_REGION", "cn-north-1")).endpoint());
        Map<String, String> local = with(with(keys, "AWS_REGION", "us-east-1"),
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:5000");
        assertEquals(URI.create("http://127.0.0.1:5000"), DynamoDb.fromEnvironment(local).endpoint());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DynamoDb.fromEnvironment(keys));
        assertEquals("AWS_REGION is not set (Lambda sets it).", e.getMessage());
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
