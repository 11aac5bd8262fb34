package dev.brisk.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The warm-up schedule's event, {"warmer": true}, recognised without a JSON parser and answered before anything else
 * runs: a warm-up keeps an execution environment alive and must cost nothing.
 */
public final class WarmUp {

    private static final byte[] PAYLOAD = "{\"warmer\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "{\"warmed\":true}".getBytes(StandardCharsets.US_ASCII);

    private WarmUp() {
    }

    /** True for {"warmer":true}, whatever the white space; false for every other event. */
    public static boolean isWarmUp(byte[] event) {
        if (event.length > 64) {
            return false; // no real event is this small
        }
        int matched = 0;
        for (byte b : event) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            if (matched == PAYLOAD.length || b != PAYLOAD[matched]) {
                return false;
            }
            matched++;
        }
        return matched == PAYLOAD.length;
    }

    /**
     * Answers a warm-up: when {@code event} is one, writes {"warmed":true} to {@code output} and returns true, and the
     * handler returns; otherwise writes nothing and returns false.
     */
    public static boolean answer(byte[] event, OutputStream output) throws IOException {
        if (!isWarmUp(event)) {
            return false;
        }
        output.write(ANSWER);
        return true;
    }
}
