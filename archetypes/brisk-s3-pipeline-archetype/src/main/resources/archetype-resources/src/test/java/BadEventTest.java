package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every malformed event fails the invocation with a message naming what is wrong (so that it ends in the
 * dead-letter queue, explained), and never reaches S3. No S3 runs here: any request would hit a closed port.
 */
class BadEventTest {

    private final FaultyHttp http = new FaultyHttp();
    private final PipelineHandler handler = new PipelineHandler(offlinePipeline());

    static Stream<Arguments> badEvents() {
        return Stream.of(
                bad("not JSON at all", "not valid JSON", () -> raw("bucket=example&key=a")),
                bad("truncated JSON", "not valid JSON", () -> raw("{\"source\":\"aws.s3\",\"detail\":{")),
                bad("a JSON array", "must be a JSON object", () -> raw("[{\"source\":\"aws.s3\"}]")),
                bad("the null literal", "must be a JSON object", () -> raw("null")),
                bad("an empty payload", "not valid JSON", () -> raw("")),
                bad("trailing data", "trailing data", () -> raw(json(created(e -> { })) + "{}")),
                bad("a duplicated field", "not valid JSON",
                        () -> raw("{\"source\":\"aws.s3\",\"source\":\"aws.s3\",\"detail-type\":\"Object Created\"}")),
                bad("nesting far too deep", "not valid JSON",
                        () -> raw("{\"source\":\"aws.s3\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}")),
                bad("another service's event", "source must be aws.s3", () -> created(e -> e.put("source", "aws.sqs"))),
                bad("no detail-type", "detail-type is missing", () -> created(e -> e.remove("detail-type"))),
                bad("no detail", "detail must be a JSON object", () -> created(e -> e.remove("detail"))),
                bad("detail as a string", "detail must be a JSON object", () -> created(e -> e.put("detail", "{}"))),
                bad("no bucket", "detail.bucket must be a JSON object", () -> created(e -> detail(e).remove("bucket"))),
                bad("an invalid bucket name", "not a valid bucket name",
                        () -> created(e -> Events.map(detail(e), "bucket").put("name", "Not_A_Bucket"))),
                bad("no object", "detail.object must be a JSON object", () -> created(e -> detail(e).remove("object"))),
                bad("no key", "detail.object.key is missing", () -> created(e -> object(e).remove("key"))),
                bad("an empty key", "detail.object.key is missing", () -> created(e -> object(e).put("key", ""))),
                bad("a key with a broken escape", "not URL-encoded correctly",
                        () -> created(e -> object(e).put("key", LocalS3.settings().inputPrefix() + "50%-off.jsonl"))),
                bad("a key over 1024 bytes", "1 to 1024 bytes",
                        () -> created(e -> object(e).put("key", LocalS3.settings().inputPrefix() + "k".repeat(1100)))),
                bad("a key that is a number", "detail.object.key must be a string", () -> created(e -> object(e).put("key", 42))),
                bad("a negative size", "size must be a whole number", () -> created(e -> object(e).put("size", -1))),
                bad("a size as a string", "size must be a whole number", () -> created(e -> object(e).put("size", "184662"))),
                bad("a fractional size", "size must be a whole number", () -> created(e -> object(e).put("size", 1.5))),
                bad("no size on Object Created", "size must be a whole number", () -> created(e -> object(e).remove("size"))),
                bad("a malformed ETag", "not an S3 ETag", () -> created(e -> object(e).put("etag", "not-an-etag"))),
                bad("no ETag on Object Created", "etag is missing", () -> created(e -> object(e).remove("etag"))),
                bad("a non-hexadecimal sequencer", "sequencer must be hexadecimal",
                        () -> created(e -> object(e).put("sequencer", "00XYZ"))),
                bad("no sequencer", "sequencer is missing", () -> created(e -> object(e).remove("sequencer"))),
                bad("a version id that is a number", "version-id must be a string",
                        () -> created(e -> object(e).put("version-id", 7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void failsTheInvocationWithoutCallingS3(String name, String expected, Supplier<byte[]> event) {
        BadEventException e = assertThrows(BadEventException.class, () -> Events.invoke(handler, event.get()));

        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
        assertEquals(0, http.total(), "no S3 request for a bad event");
    }

    private static Arguments bad(String name, String expected, Supplier<byte[]> event) {
        return Arguments.of(name, expected, event);
    }

    /** The real Object Created event, under the input prefix, edited by {@code edit}. */
    private static byte[] created(Consumer<Map<String, Object>> edit) {
        Map<String, Object> event = Events.load("object-created.json");
        object(event).put("key", LocalS3.settings().inputPrefix() + "orders.jsonl");
        edit.accept(event);
        return Events.bytes(event);
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] raw(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> detail(Map<String, Object> event) {
        return Events.map(event, "detail");
    }

    private static Map<String, Object> object(Map<String, Object> event) {
        return Events.map(detail(event), "object");
    }

    private Pipeline offlinePipeline() {
        // Port 9 (discard) on loopback: nothing listens, so a request would fail, and be counted first
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "S3_ENDPOINT", "http://127.0.0.1:9",
                "S3_PATH_STYLE", "true");
        S3Client s3 = S3.builder(env, http, LocalS3.CREDENTIALS, 1, Duration.ofMillis(1)).build();
        return new Pipeline(s3, LocalS3.settings(), Path.of(System.getProperty("java.io.tmpdir")));
    }
}
