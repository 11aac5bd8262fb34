package dev.brisk.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonDepthTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "42 | 0",
        "'\"a string\"' | 0",
        "{} | 1",
        "[1, [2, [3]]] | 3",
        "{\"a\": {\"b\": []}, \"c\": {}} | 3",
        "'{\"brackets in a string\": \"[[[{{{\"}' | 1",
        "'{\"escaped quote\": \"\\\"[[[\"}' | 1",
        "'[[], [], []]' | 2",
    })
    void countsTheDeepestNestingOfObjectsAndArrays(String json, int depth) {
        assertEquals(depth, JsonDepth.of(json));
    }

    @org.junit.jupiter.api.Test
    void aDeepDocumentIsMeasuredWithoutRecursion() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertEquals(100_000, JsonDepth.of(deep));
    }
}
