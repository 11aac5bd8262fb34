package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import dev.brisk.lambda.StreamHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The function in the container image: greets whoever the event names (StreamHandler answers the warm-up first). */
public final class Handler extends StreamHandler {

    private static final int MAX_NAME = 100;

    @Override
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        output.write(greeting(Greeting.name(new String(event, StandardCharsets.UTF_8), MAX_NAME)));
    }

    static byte[] greeting(String name) {
        return ("{\"message\":\"Hello, " + name + "!\"}").getBytes(StandardCharsets.UTF_8);
    }
}
