package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.brisk.lambda.WarmUp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The function in the container image: answers the warm-up schedule, then greets whoever the event names. */
public final class Handler implements RequestStreamHandler {

    private static final int MAX_NAME = 100;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (WarmUp.answer(event, output)) {
            return;
        }
        output.write(greeting(Greeting.name(new String(event, StandardCharsets.UTF_8), MAX_NAME)));
    }

    static byte[] greeting(String name) {
        return ("{\"message\":\"Hello, " + name + "!\"}").getBytes(StandardCharsets.UTF_8);
    }
}
