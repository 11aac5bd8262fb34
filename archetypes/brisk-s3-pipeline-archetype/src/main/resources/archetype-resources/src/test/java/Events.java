package ${package};

import com.fasterxml.jackson.jr.ob.JSON;
import dev.brisk.lambda.test.TestContext;
import dev.brisk.lambda.test.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: the real EventBridge S3 events from src/test/resources/events, edited per case. */
final class Events {

    private Events() {
    }

    /** A real event from the test resources, as a mutable map (nested maps mutable too). */
    static Map<String, Object> load(String resource) {
        try {
            return mutable(JSON.std.mapFrom(TestEvents.text(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real Object Created event, about {@code key} of {@code bucket} with the given identity. */
    static Map<String, Object> created(String bucket, String key, long size, String etag, String versionId,
                                       String sequencer) {
        Map<String, Object> event = load("object-created.json");
        event.put("resources", List.of("arn:aws:s3:::" + bucket));
        Map<String, Object> detail = map(event, "detail");
        map(detail, "bucket").put("name", bucket);
        Map<String, Object> object = map(detail, "object");
        object.put("key", encodeKey(key));
        object.put("size", size);
        object.put("etag", etag.replace("\"", ""));
        object.put("sequencer", sequencer);
        if (versionId != null) {
            object.put("version-id", versionId);
        }
        return event;
    }

    /** How S3 writes a key into an event: URL-encoded, a space as {@code +}, slashes kept. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String field) {
        return (Map<String, Object>) parent.get(field);
    }

    static byte[] bytes(Map<String, Object> event) {
        try {
            return JSON.std.asBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an event through the handler as Lambda would; returns the handler's JSON answer. */
    static Map<String, Object> invoke(PipelineHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return JSON.std.mapFrom(out.toByteArray());
    }

    static Map<String, Object> invoke(PipelineHandler handler, Map<String, Object> event) throws IOException {
        return invoke(handler, bytes(event));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? mutable((Map<String, Object>) m) : v));
        return copy;
    }
}
