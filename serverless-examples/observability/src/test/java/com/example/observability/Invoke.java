package com.example.observability;

import dev.brisk.lambda.test.TestContext;
import dev.brisk.lambda.test.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONObject;

/** Test helper: real events from src/test/resources, edited per case, run through the handler. */
final class Invoke {

    static final int MAX_BODY_BYTES = 1024;

    private Invoke() {
    }

    /** A real HTTP API event from the test resources, as a mutable map. */
    static Map<String, Object> event(String resource) {
        return new LinkedHashMap<>(new JSONObject(TestEvents.text(resource)).toMap());
    }

    /** The real GET event, pointed at {@code method path} with {@code body} (null: no body). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> request(String method, String path, String body) {
        Map<String, Object> event = event("http-api-v2-get.json");
        event.put("rawPath", path);
        Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) event.get("requestContext"));
        Map<String, Object> http = new LinkedHashMap<>((Map<String, Object>) context.get("http"));
        http.put("method", method);
        http.put("path", path);
        context.put("http", http);
        event.put("requestContext", context);
        event.remove("queryStringParameters");
        event.put("headers", new LinkedHashMap<>(Map.of("content-type", "application/json")));
        if (body != null) {
            event.put("body", body);
        }
        return event;
    }

    static Map<String, Object> base64Body(Map<String, Object> event, byte[] body) {
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return event;
    }

    static Response run(Map<String, Object> event) {
        return run(new ApiHandler(Api.router(), MAX_BODY_BYTES),
                new JSONObject(event).toString().getBytes(StandardCharsets.UTF_8));
    }

    static Response run(ApiHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
            String raw = out.toString(StandardCharsets.UTF_8);
            return new Response(new JSONObject(raw).toMap(), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handler response: the API Gateway envelope and its JSON body. */
    record Response(Map<String, Object> envelope, String raw) {

        int status() {
            return ((Number) envelope.get("statusCode")).intValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> headers() {
            return (Map<String, Object>) envelope.get("headers");
        }

        Map<String, Object> body() {
            return new JSONObject((String) envelope.get("body")).toMap();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) body().get("error");
        }
    }
}
