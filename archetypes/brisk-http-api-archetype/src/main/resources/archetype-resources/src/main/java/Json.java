package ${package};

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/** One configured jackson-jr instance: strict reading with tight limits, compact writing. */
final class Json {

    /** Deeper documents are rejected before they cost stack or time. */
    static final int MAX_DEPTH = 32;

    private static final JSON JSON_ = JSON.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(64)
                            .build())
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private Json() {
    }

    /** Parses a JSON object; anything else is a 400 naming {@code what}. */
    static Map<String, Object> object(byte[] json, String what) {
        Object value = parse(json, what);
        if (!(value instanceof Map<?, ?>)) {
            throw HttpError.badRequest("The " + what + " must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    static Object parse(byte[] json, String what) {
        try {
            JsonParser parser = JSON_.getStreamingFactory().createParser(json);
            Object value = JSON_.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw HttpError.badRequest("The " + what + " has trailing data after the JSON value.");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof HttpError error) {
                throw error;
            }
            // The parser's message can quote the input: say what is wrong, not what was sent
            throw HttpError.badRequest("The " + what + " is not valid JSON.");
        }
    }

    static byte[] bytes(Object value) {
        try {
            return JSON_.asBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String string(Object value) {
        try {
            return JSON_.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
