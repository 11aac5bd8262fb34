package com.example.observability;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response in the HTTP API v2 format; CORS headers are API Gateway's job (serverless.yml). */
record HttpResponse(int status, Map<String, String> headers, String body) {

    static HttpResponse json(int status, Map<String, ?> body) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), Json.string(body));
    }

    static HttpResponse error(HttpError error, String requestId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", error.code());
        detail.put("message", error.getMessage());
        detail.put("requestId", requestId);
        return json(error.status(), Map.of("error", detail));
    }

    HttpResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpResponse(status, all, body);
    }

    Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("statusCode", status);
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }
}
