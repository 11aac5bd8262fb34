package com.example.observability;

import dev.brisk.lambda.SnapStart;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Before the SnapStart snapshot, runs synthetic requests through a copy of the handler whose spans, log and metric
 * lines go nowhere (no network), so the snapshot holds loaded, linked classes: routing, JSON, the tracer, the batch
 * processor. After each restore, reseeds the trace and span ids. Registered only when Lambda initialises for a
 * snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    private static final String[] REQUESTS = {
        request("GET", "/hello", null),
        request("POST", "/items", "{\"name\":\"priming\",\"quantity\":1}"),
        request("GET", "/missing", null),
    };

    private final ApiHandler handler;

    SnapStartPriming(ApiHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() throws Exception {
        ApiHandler primer = handler.forPriming();
        for (String request : REQUESTS) {
            primer.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), null);
        }
    }

    @Override
    public void afterRestore() {
        // Every restored copy starts from the same random state: draw a fresh seed from the kernel
        handler.telemetry().reseedIds(new SecureRandom().nextLong());
    }

    private static String request(String method, String path, String body) {
        return "{\"rawPath\":\"" + path + "\",\"requestContext\":{\"requestId\":\"priming\",\"http\":{\"method\":\""
                + method + "\"}},\"headers\":{\"content-type\":\"application/json\"},\"body\":"
                + (body == null ? "null" : Json.quote(body)) + "}";
    }
}
