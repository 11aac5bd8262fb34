package com.example.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point for API Gateway HTTP API (payload format 2.0) events: warm-up first, then routing. */
public final class ApiHandler implements RequestStreamHandler {

    private static final byte[] WARM = "{\"warmed\":true}".getBytes(StandardCharsets.US_ASCII);

    private final Router router;
    private final int maxBodyBytes;
    /** Strong reference: the runtime holds CRaC resources weakly. */
    private SnapStartPriming priming;

    public ApiHandler() {
        this(Api.router(), Integer.parseInt(System.getenv().getOrDefault("MAX_BODY_BYTES", "65536")));
        if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            priming = SnapStartPriming.register(this);
        }
    }

    ApiHandler(Router router, int maxBodyBytes) {
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (WarmUp.isWarmUp(event)) {
            output.write(WARM);
            return;
        }
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
