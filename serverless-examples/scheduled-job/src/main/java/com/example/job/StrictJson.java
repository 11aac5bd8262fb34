package com.example.job;

import dev.brisk.lambda.JsonDepth;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONParserConfiguration;
import org.json.JSONTokener;

/** Exactly one JSON value through org.json in strict mode, with a nesting limit checked before parsing. */
final class StrictJson {

    /** What is wrong with a refused document, for callers that word their errors their own way. */
    enum Problem { TOO_DEEP, TRAILING_DATA, NOT_JSON }

    /** A refused document. The message ("is not valid JSON") says what is wrong and never quotes the input. */
    static final class Invalid extends Exception {

        private final Problem problem;

        private Invalid(Problem problem, String message) {
            super(message, null, false, false); // no stack trace: an expected outcome
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    // Strict: RFC 8259 only (no single quotes, unquoted keys or trailing commas); duplicate keys fail
    private static final JSONParserConfiguration STRICT = new JSONParserConfiguration().withStrictMode(true);

    private StrictJson() {
    }

    /** The value as org.json reads it: JSONObject, JSONArray, String, Number, Boolean or JSONObject.NULL. */
    static Object parse(String json, int maxDepth) throws Invalid {
        if (JsonDepth.of(json) > maxDepth) {
            throw new Invalid(Problem.TOO_DEEP, "nests deeper than " + maxDepth + " levels");
        }
        try {
            JSONTokener tokener = new JSONTokener(json, STRICT);
            Object value = tokener.nextValue();
            if (tokener.nextClean() != 0) {
                throw new Invalid(Problem.TRAILING_DATA, "has trailing data after the JSON value");
            }
            return value;
        } catch (JSONException e) {
            // The parser's message quotes the input: say what is wrong, not what was sent
            throw new Invalid(Problem.NOT_JSON, "is not valid JSON");
        }
    }

    /** Objects become maps, arrays lists, JSON null null; strings, numbers and booleans stay themselves. */
    static Object plain(Object value) {
        if (value instanceof JSONObject object) {
            return object.toMap();
        }
        if (value instanceof JSONArray array) {
            return array.toList();
        }
        return JSONObject.NULL.equals(value) ? null : value;
    }
}
