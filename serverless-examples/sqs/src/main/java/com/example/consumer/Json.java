package com.example.consumer;

import dev.brisk.lambda.JsonDepth;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONParserConfiguration;
import org.json.JSONTokener;

/** JSON in and out through org.json in strict mode, with a nesting limit checked before parsing. */
final class Json {

    /** Deeper documents are rejected before they cost stack or time. */
    static final int MAX_DEPTH = 32;

    // Strict: RFC 8259 only (no single quotes, unquoted keys or trailing commas); duplicate keys fail
    private static final JSONParserConfiguration STRICT = new JSONParserConfiguration().withStrictMode(true);

    private Json() {
    }

    /**
     * Exactly one JSON value: objects become maps, arrays lists, JSON null null. Throws IllegalArgumentException
     * whose message says what is wrong without quoting the input.
     */
    static Object parse(String json) {
        if (JsonDepth.of(json) > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels");
        }
        Object value;
        try {
            JSONTokener tokener = new JSONTokener(json, STRICT);
            value = tokener.nextValue();
            if (tokener.nextClean() != 0) {
                throw new IllegalArgumentException("trailing data after the JSON value");
            }
        } catch (JSONException e) {
            // The parser's message quotes the input: say what is wrong, not what was sent
            throw new IllegalArgumentException("not valid JSON");
        }
        if (value instanceof JSONObject object) {
            return object.toMap();
        }
        if (value instanceof JSONArray array) {
            return array.toList();
        }
        return JSONObject.NULL.equals(value) ? null : value;
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
