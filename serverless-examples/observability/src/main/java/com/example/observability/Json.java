package com.example.observability;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.json.JSONObject;

/** JSON in and out through org.json; StrictJson parses (strict mode, a nesting limit), a refusal is a 400. */
final class Json {

    /** Deeper documents are rejected before they cost stack or time. */
    static final int MAX_DEPTH = 32;

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
        try {
            return StrictJson.plain(StrictJson.parse(json, MAX_DEPTH));
        } catch (StrictJson.Invalid e) {
            throw HttpError.badRequest("The " + what + " " + e.getMessage() + ".");
        }
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
