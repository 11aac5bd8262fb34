package dev.brisk.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamHandlerTest {

    /** Echoes the event it is handed, and remembers it. */
    private static final class Echo extends StreamHandler {
        final List<String> handled = new ArrayList<>();

        @Override
        protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
            handled.add(new String(event, StandardCharsets.UTF_8));
            output.write(event);
        }
    }

    @Test
    void aWarmUpIsAnsweredWithoutReachingTheHandler() throws IOException {
        Echo echo = new Echo();

        assertEquals("{\"warmed\":true}", invoke(echo, "{\"warmer\": true}"));
        assertEquals(List.of(), echo.handled);
    }

    @Test
    void everyOtherEventReachesTheHandlerWhole() throws IOException {
        Echo echo = new Echo();
        String event = "{\"rawPath\":\"/hello\",\"warmer\":true}";

        assertEquals(event, invoke(echo, event));
        assertEquals(List.of(event), echo.handled);
    }

    private static String invoke(StreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
