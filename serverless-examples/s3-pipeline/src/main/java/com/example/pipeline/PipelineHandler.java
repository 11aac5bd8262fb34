package com.example.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.StreamHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point for S3 events delivered by EventBridge: warm-up first, then the pipeline. A failure is thrown, never
 * swallowed, so that Lambda retries the event and finally sends it to the dead-letter queue.
 */
public final class PipelineHandler extends StreamHandler {

    private final Pipeline pipeline;

    public PipelineHandler() {
        this(pipeline(System.getenv()));
        if (SnapStart.isSnapshotting()) {
            // Only for a snapshot: an on-demand start never loads the priming or CRaC
            SnapStart.register(new SnapStartPriming(this));
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
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        Map<String, Object> outcome = pipeline.process(ObjectEvent.parse(event)).toMap();
        System.out.println(Json.string(outcome));
        output.write(Json.bytes(outcome));
    }
}
