package com.example.api;

import com.amazonaws.services.lambda.runtime.Context;
import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.StreamHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point for API Gateway HTTP API (payload format 2.0) events: warm-up first, then routing. */
public final class ApiHandler extends StreamHandler {

    private final Router router;
    private final int maxBodyBytes;

    public ApiHandler() {
        this(Api.router(), Integer.parseInt(System.getenv().getOrDefault("MAX_BODY_BYTES", "65536")));
        if (SnapStart.isSnapshotting()) {
            // Only for a snapshot: an on-demand start never loads the priming or CRaC
            SnapStart.register(new SnapStartPriming(this));
        }
    }

    ApiHandler(Router router, int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            // A misconfigured MAX_BODY_BYTES fails the init, named, rather than every request
            throw new IllegalArgumentException("MAX_BODY_BYTES must be at least 1, not " + maxBodyBytes);
        }
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        output.write(Json.bytes(handle(event, context == null ? "-" : context.getAwsRequestId())));
    }

    /** Never throws: every failure becomes a JSON error response. */
    Map<String, Object> handle(byte[] event, String lambdaRequestId) {
        String requestId = lambdaRequestId;
        try {
            Map<String, Object> parsed = Json.object(new String(event, StandardCharsets.UTF_8), "event");
            requestId = HttpRequest.requestId(parsed, lambdaRequestId);
            return router.route(HttpRequest.from(parsed, requestId, maxBodyBytes)).toEvent();
        } catch (HttpError e) {
            return HttpResponse.error(e, requestId).toEvent();
        } catch (RuntimeException | StackOverflowError e) {
            // Logged for the operator, never echoed to the client
            System.err.println("Unhandled error in request " + requestId + ": " + e);
            e.printStackTrace();
            return HttpResponse.error(HttpError.internal(), requestId).toEvent();
        }
    }
}
