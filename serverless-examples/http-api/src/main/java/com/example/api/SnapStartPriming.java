package com.example.api;

import dev.brisk.lambda.SnapStart;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Before the SnapStart snapshot, runs synthetic requests through the whole handler (no network) so the
 * snapshot holds loaded, linked classes. Registered only when Lambda initialises for a snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    private final ApiHandler handler;

    SnapStartPriming(ApiHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() {
        // Built here, not in a static field: priming runs once, and nothing of it need outlive the snapshot
        for (String request : List.of(request("GET", "/hello", null),
                request("POST", "/items", "{\"name\":\"priming\",\"quantity\":1}"),
                request("GET", "/missing", null))) {
            handler.handle(request.getBytes(StandardCharsets.UTF_8), "priming");
        }
    }

    // afterRestore: nothing to re-create. Nothing unique is held across requests: item ids are drawn per request from
    // UUID.randomUUID(), whose SecureRandom reads the kernel's entropy on every call, so restored copies never share ids

    private static String request(String method, String path, String body) {
        return "{\"rawPath\":\"" + path + "\",\"requestContext\":{\"requestId\":\"priming\",\"http\":{\"method\":\""
                + method + "\"}},\"headers\":{\"content-type\":\"application/json\"},\"body\":"
                + (body == null ? "null" : Json.quote(body)) + "}";
    }
}
