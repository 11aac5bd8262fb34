package dev.brisk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The opening every Brisk handler shares, kept once: read the event's bytes (a stream handler skips the runtime's
 * reflective serializer), answer the warm-up schedule before anything else runs, then hand the event to
 * {@link #handleEvent}. The rest of the handler is the project's own.
 */
public abstract class StreamHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (!WarmUp.answer(event, output)) {
            handleEvent(event, output, context);
        }
    }

    /** Every event but a warm-up: its bytes as Lambda delivered them; the response goes to {@code output}. */
    protected abstract void handleEvent(byte[] event, OutputStream output, Context context) throws IOException;
}
