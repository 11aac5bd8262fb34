package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEachKindOfValue() {
        assertEquals(Map.of("a", List.of(1, "b")), Json.parse("{\"a\":[1,\"b\"]}"));
        assertEquals(List.of(true, 2), Json.parse(" [true, 2] "));
        assertEquals("text", Json.parse("\"text\""));
        assertEquals(42, Json.parse("42"));
        assertNull(Json.parse("null"));
    }

    @Test
    void nestingIsAcceptedUpToTheLimitAndRefusedBeyond() {
        int depth = Json.MAX_DEPTH;

        assertEquals(List.of(), unwrap(Json.parse("[".repeat(depth) + "]".repeat(depth)), depth - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("[".repeat(depth + 1) + "]".repeat(depth + 1)));
        assertEquals("nested deeper than " + depth + " levels", e.getMessage());
    }

    @Test
    void anErrorSaysWhatIsWrongWithoutQuotingTheInput() {
        assertEquals("not valid JSON", assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"secret\": nope}")).getMessage());
        assertEquals("trailing data after the JSON value", assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{} secret")).getMessage());
    }

    @Test
    void writesAnObjectInTheMapsOrder() {
        Map<String, Object> entries = new LinkedHashMap<>();
        assertEquals("{}", Json.object(entries));
        entries.put("b", "x\"y");
        assertEquals("{\"b\":\"x\\\"y\"}", Json.object(entries));
        entries.put("a", 2);
        entries.put("c", null);
        assertEquals("{\"b\":\"x\\\"y\",\"a\":2,\"c\":null}", Json.object(entries));
        assertEquals("\"q\\\"\"", Json.quote("q\""));
    }

    /** The innermost list of {@code levels} nested single-element lists. */
    private static Object unwrap(Object value, int levels) {
        Object inner = value;
        for (int i = 0; i < levels; i++) {
            inner = ((List<?>) inner).get(0);
        }
        return inner;
    }
}
