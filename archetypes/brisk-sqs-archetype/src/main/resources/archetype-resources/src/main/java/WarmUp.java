package ${package};

import java.nio.charset.StandardCharsets;

/** Recognises the warm-up schedule's payload {"warmer": true} without a JSON parser. */
final class WarmUp {

    private static final byte[] PAYLOAD = "{\"warmer\":true}".getBytes(StandardCharsets.US_ASCII);

    private WarmUp() {
    }

    static boolean isWarmUp(byte[] event) {
        if (event.length > 64) {
            return false; // an SQS event is never this small
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
}
