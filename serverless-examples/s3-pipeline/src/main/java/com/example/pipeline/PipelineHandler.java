package com.example.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point for S3 events delivered by EventBridge: warm-up first, then the pipeline. A failure is thrown, never
 * swallowed, so that Lambda retries the event and finally sends it to the dead-letter queue.
 */
public final class PipelineHandler implements RequestStreamHandler {

    private static final byte[] WARM = "{\"warmed\":true}".getBytes(StandardCharsets.US_ASCII);

    private final Pipeline pipeline;
    /** Strong reference: the runtime holds CRaC resources weakly. */
    private SnapStartPriming priming;

    public PipelineHandler() {
        this(pipeline(System.getenv()));
        if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            priming = SnapStartPriming.register(this);
        }
    }

    PipelineHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    static Pipeline pipeline(Map<String, String> env) {
        Settings settings = Settings.fromEnvironment(env);
        return new Pipeline(S3.client(env, settings.maxAttempts()), settings,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (WarmUp.isWarmUp(event)) {
            output.write(WARM);
            return;
        }
        Map<String, Object> outcome = pipeline.process(ObjectEvent.parse(event)).toMap();
        System.out.println(Json.string(outcome));
        output.write(Json.bytes(outcome));
    }
}
