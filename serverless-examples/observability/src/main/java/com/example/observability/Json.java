package com.example.observability;

import dev.brisk.lambda.JsonDepth;
import java.nio.charset.StandardCharsets;
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

    /** Parses a JSON object; anything else is a 400 naming {@code what}. */
    static Map<String, Object> object(String json, String what) {
        if (!(parse(json, what) instanceof Map<?, ?> map)) {
            throw HttpError.badRequest("The " + what + " must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    /** Objects become maps, arrays lists, JSON null null. */
    static Object parse(String json, String what) {
        if (JsonDepth.of(json) > MAX_DEPTH) {
            throw HttpError.badRequest("The " + what + " nests deeper than " + MAX_DEPTH + " levels.");
        }
        Object value;
        try {
            JSONTokener tokener = new JSONTokener(json, STRICT);
            value = tokener.nextValue();
            if (tokener.nextClean() != 0) {
                throw HttpError.badRequest("The " + what + " has trailing data after the JSON value.");
            }
        } catch (JSONException e) {
            // The parser's message quotes the input: say what is wrong, not what was sent
            throw HttpError.badRequest("The " + what + " is not valid JSON.");
        }
        if (value instanceof JSONObject object) {
            return object.toMap();
        }
        if (value instanceof JSONArray array) {
            return array.toList();
        }
        return JSONObject.NULL.equals(value) ? null : value;
    }

    static byte[] bytes(Map<String, ?> value) {
        return string(value).getBytes(StandardCharsets.UTF_8);
    }

    static String string(Map<String, ?> value) {
        return new JSONObject(value).toString();
    }

    static String quote(String text) {
        return JSONObject.quote(text);
    }
}
