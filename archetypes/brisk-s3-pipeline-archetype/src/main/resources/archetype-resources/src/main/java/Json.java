package ${package};

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/** One configured jackson-jr instance for events and summaries: strict reading with tight limits. */
final class Json {

    private static final JSON JSON_ = JSON.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(32)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private Json() {
    }

    /** Parses one JSON object, or throws {@link BadEventException} naming {@code what}. */
    static Map<String, Object> object(byte[] json, String what) {
        Object value;
        try (JsonParser parser = JSON_.getStreamingFactory().createParser(json)) {
            value = JSON_.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new BadEventException("The " + what + " has trailing data after the JSON value.");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadEventException bad) {
                throw bad;
            }
            // The parser's message can quote the input: say what is wrong, not what was sent
            throw new BadEventException("The " + what + " is not valid JSON.");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new BadEventException("The " + what + " must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
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
