package dev.brisk.lambda.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestEventsTest {

    @Test
    void readsAnEventFromTheTestClassPath() {
        assertEquals("{\"warmer\": true}", TestEvents.text("warmup.json").trim());
    }

    @Test
    void aMissingEventSaysWhereToPutIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestEvents.text("nope.json"));

        assertTrue(e.getMessage().contains("src/test/resources/events/nope.json"), e.getMessage());
    }
}
