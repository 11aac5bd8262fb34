package ${package};

import java.util.Map;
import org.json.JSONObject;

/** JSON in and out through org.json; StrictJson parses (strict mode, a nesting limit), refusals worded here. */
final class Json {

    /** Deeper documents are rejected before they cost stack or time. */
    static final int MAX_DEPTH = 32;

    private Json() {
    }

    /**
     * Exactly one JSON value: objects become maps, arrays lists, JSON null null. Throws IllegalArgumentException
     * whose message says what is wrong without quoting the input.
     */
    static Object parse(String json) {
        try {
            return StrictJson.plain(StrictJson.parse(json, MAX_DEPTH));
        } catch (StrictJson.Invalid e) {
            throw new IllegalArgumentException(switch (e.problem()) {
                case TOO_DEEP -> "nested deeper than " + MAX_DEPTH + " levels";
                case TRAILING_DATA -> "trailing data after the JSON value";
                case NOT_JSON -> "not valid JSON";
            });
        }
    }

    /** A JSON object with the map's entries in the map's order; values as org.json writes them. */
    static String object(Map<String, ?> entries) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(JSONObject.quote(entry.getKey())).append(':')
                    .append(JSONObject.valueToString(entry.getValue()));
        }
        return json.append('}').toString();
    }

    static String quote(String text) {
        return JSONObject.quote(text);
    }
}
