package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict parse: what RFC 8259 refuses is refused, each refusal says what is wrong and never quotes the input. */
class StrictJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"a\": ", "{\"secret\": nope}", "{'a': 1}", "{a: 1}", "[1, 2,]",
            "{\"a\": 1, \"a\": 2}"})
    void whatRfc8259RefusesIsNotValidJson(String json) {
        StrictJson.Invalid e = assertThrows(StrictJson.Invalid.class, () -> StrictJson.parse(json, 8));

        assertEquals(StrictJson.Problem.NOT_JSON, e.problem());
        assertEquals("is not valid JSON", e.getMessage());
    }

    @Test
    void dataAfterTheValueIsRefusedButWhiteSpaceIsNot() throws StrictJson.Invalid {
        StrictJson.Invalid e = assertThrows(StrictJson.Invalid.class, () -> StrictJson.parse("{} secret", 8));

        assertEquals(StrictJson.Problem.TRAILING_DATA, e.problem());
        assertEquals("has trailing data after the JSON value", e.getMessage());
        assertEquals(List.of(true), StrictJson.plain(StrictJson.parse(" [true]\n\t", 8)));
    }

    @Test
    void nestingUpToTheLimitIsReadAndDeeperIsRefusedBeforeParsing() throws StrictJson.Invalid {
        assertEquals(List.of(List.of(Map.of("a", List.of()))),
                StrictJson.plain(StrictJson.parse("[[{\"a\": []}]]", 4)));

        // Not valid JSON either: the depth is checked first, so a deep document costs no parsing
        StrictJson.Invalid e = assertThrows(StrictJson.Invalid.class, () -> StrictJson.parse("[[[[[ nope", 4));
        assertEquals(StrictJson.Problem.TOO_DEEP, e.problem());
        assertEquals("nests deeper than 4 levels", e.getMessage());
    }

    @Test
    void parseGivesOrgJsonValuesAndPlainGivesJavaOnes() throws StrictJson.Invalid {
        Object object = StrictJson.parse("{\"n\": 7, \"list\": [\"x\", null]}", 8);

        assertInstanceOf(JSONObject.class, object);
        assertEquals(JSONObject.NULL, StrictJson.parse("null", 8));
        assertEquals(Map.of("n", 7, "list", Arrays.asList("x", null)), StrictJson.plain(object));
        assertNull(StrictJson.plain(StrictJson.parse("null", 8)));
        assertEquals("text", StrictJson.plain(StrictJson.parse("\"text\"", 8)));
        assertEquals(false, StrictJson.plain(StrictJson.parse("false", 8)));
    }
}
