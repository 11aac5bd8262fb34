package dev.brisk.runtime.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor of brisk:coldstart: a handler that does nothing, run under the same JVM, flags and runtime as the
 * function, so that the function's cold start reads as a ratio to what the runtime itself costs.
 */
public final class FloorHandler implements RequestStreamHandler {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(EMPTY_OBJECT); // input and context unused
    }
}
