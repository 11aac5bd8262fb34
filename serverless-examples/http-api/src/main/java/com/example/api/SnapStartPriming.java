package com.example.api;

import java.nio.charset.StandardCharsets;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Before the SnapStart snapshot, runs synthetic requests through the whole handler (no network) so the
 * snapshot holds loaded, linked classes. Registered only when Lambda initialises for a snapshot.
 */
final class SnapStartPriming implements Resource {

    private static final String[] REQUESTS = {
        request("GET", "/hello", null),
        request("POST", "/items", "{\"name\":\"priming\",\"quantity\":1}"),
        request("GET", "/missing", null),
    };

    private final ApiHandler handler;

    private SnapStartPriming(ApiHandler handler) {
        this.handler = handler;
    }

    static SnapStartPriming register(ApiHandler handler) {
        SnapStartPriming priming = new SnapStartPriming(handler);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (String request : REQUESTS) {
            handler.handle(request.getBytes(StandardCharsets.UTF_8), "priming");
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing unique is held across requests: item ids are drawn per request from UUID.randomUUID(),
        // whose SecureRandom reads the kernel's entropy on every call, so restored copies never share ids
    }

    private static String request(String method, String path, String body) {
        return "{\"rawPath\":\"" + path + "\",\"requestContext\":{\"requestId\":\"priming\",\"http\":{\"method\":\""
                + method + "\"}},\"headers\":{\"content-type\":\"application/json\"},\"body\":"
                + (body == null ? "null" : Json.quote(body)) + "}";
    }
}
