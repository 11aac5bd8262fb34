package dev.brisk.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarmUpTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"warmer\":true}", " { \"warmer\" : true }\n", "{\"warmer\":\ttrue}\r\n"})
    void theScheduleEventIsAnsweredWithWarmed(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertTrue(WarmUp.answer(bytes(event), out));
        assertEquals("{\"warmed\":true}", out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"warmer\":false}", "{\"warmer\":true,\"x\":1}", "{\"warmer\":true}}",
        "{\"warmer\":\"true\"}", "{\"warmer\":tru}", "[{\"warmer\":true}]"})
    void anyOtherEventIsLeftToTheHandler(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertFalse(WarmUp.answer(bytes(event), out));
        assertArrayEquals(new byte[0], out.toByteArray(), "nothing written");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65, 10_000})
    void aLargeEventIsNeverAWarmUpEvenIfPaddedWithSpaces(int size) {
        String padded = "{\"warmer\":true}" + " ".repeat(size - 15);

        assertEquals(size <= 64, WarmUp.isWarmUp(bytes(padded)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
