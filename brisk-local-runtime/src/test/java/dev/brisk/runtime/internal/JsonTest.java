package dev.brisk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object value = Json.parse("{\"s\":\"a\\\"b\\n\\u00e9\",\"n\":-1.5e2,\"t\":true,\"f\":false,\"z\":null,"
                + "\"l\":[1,{}],\"o\":{\"k\":[]}}");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\né");
        expected.put("n", new BigDecimal("-1.5e2"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("l", List.of(new BigDecimal(1), Map.of()));
        expected.put("o", Map.of("k", List.of()));
        assertEquals(expected, value);
    }

    @Test
    void writesWhatItParses() {
        String text = "{\"a\":[1,2.5,\"x\\ty\"],\"b\":{\"c\":null,\"d\":true}}";

        assertEquals(text, Json.write(Json.parse(text)));
    }

    @Test
    void prettyPrintsJson_andLeavesOtherTextAlone() {
        assertEquals("{\n  \"a\": [\n    1\n  ]\n}", Json.pretty("{\"a\":[1]}"));
        assertEquals("plain text", Json.pretty("plain text"));
        assertEquals("\"awake\"", Json.pretty("\"awake\""));
    }

    @Test
    void writesDoublesWithoutNoise() {
        assertEquals("[1.5,2,null]", Json.write(Arrays.asList(1.5, 2.0, Double.NaN)));
    }

    @Test
    void rejectsBrokenJson() {
        for (String broken : List.of("{", "[1,]", "{\"a\" 1}", "tru", "\"open", "{} x")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(broken), broken);
        }
        assertEquals(Map.of(), Json.parseObjectOrEmpty("not json"));
        assertEquals(Map.of(), Json.parseObjectOrEmpty("[1]"));
    }
}
