package com.example.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The template's Json, on jackson-jr: same limits (depth 32, duplicate keys, trailing data). */
final class Json {

    static final int MAX_DEPTH = 32;

    private static final JSON JSON_ = JSON.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private Json() {
    }

    static Map<String, Object> object(String json, String what) {
        if (!(parse(json, what) instanceof Map<?, ?> map)) {
            throw HttpError.badRequest("The " + what + " must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    static Object parse(String json, String what) {
        try {
            JsonParser parser = JSON_.getStreamingFactory().createParser(json);
            Object value = JSON_.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw HttpError.badRequest("The " + what + " has trailing data after the JSON value.");
            }
            return value;
        } catch (IOException e) {
            throw HttpError.badRequest("The " + what + " is not valid JSON.");
        }
    }

    static byte[] bytes(Map<String, ?> value) {
        return string(value).getBytes(StandardCharsets.UTF_8);
    }

    static String string(Map<String, ?> value) {
        try {
            return JSON_.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String text) {
        try {
            return JSON_.asString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
