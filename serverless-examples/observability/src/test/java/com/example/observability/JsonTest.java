package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Json.parse, for routes that take more than an object: what each JSON value becomes, and the depth limit. */
class JsonTest {

    @Test
    void anArrayBecomesAList() {
        assertEquals(List.of(1, "two", Map.of("three", 3)), Json.parse("[1, \"two\", {\"three\": 3}]", "body"));
    }

    @Test
    void jsonNullBecomesNull() {
        assertNull(Json.parse("null", "body"));
    }

    @Test
    void scalarsStayThemselves() {
        assertEquals("text", Json.parse("\"text\"", "body"));
        assertEquals(7, Json.parse("7", "body"));
        assertEquals(true, Json.parse("true", "body"));
    }

    @Test
    void nestingUpToTheLimitIsParsedAndOneLevelMoreIsRefused() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

        assertInstanceOf(List.class, Json.parse(deepest, "body"));
        HttpError error = assertThrows(HttpError.class, () -> Json.parse(tooDeep, "body"));
        assertEquals(400, error.status());
        assertEquals("The body nests deeper than " + Json.MAX_DEPTH + " levels.", error.getMessage());
    }
}
