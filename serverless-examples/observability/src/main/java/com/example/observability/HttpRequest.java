package com.example.observability;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The parts of an HTTP API v2 event the routes use; the body decoded, size-checked and valid UTF-8. */
record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        String body, String requestId) {

    /** API Gateway's request id (the one clients see), else Lambda's. */
    static String requestId(Map<String, Object> event, String lambdaRequestId) {
        return map(event.get("requestContext")).get("requestId") instanceof String id ? id : lambdaRequestId;
    }

    static HttpRequest from(Map<String, Object> root, String requestId, int maxBodyBytes) {
        Map<String, Object> http = map(map(root.get("requestContext")).get("http"));
        if (!(http.get("method") instanceof String method) || !(root.get("rawPath") instanceof String path)) {
            throw new HttpError(400, "BAD_EVENT", "Not an API Gateway HTTP API (2.0) event.");
        }
        Map<String, String> headers = new HashMap<>();
        map(root.get("headers")).forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
        Map<String, String> query = new HashMap<>();
        map(root.get("queryStringParameters")).forEach((k, v) -> query.put(k, String.valueOf(v)));
        String body = body(root.get("body"), Boolean.TRUE.equals(root.get("isBase64Encoded")), maxBodyBytes);
        return new HttpRequest(method.toUpperCase(Locale.ROOT), path, query, headers, body, requestId);
    }

    /** Null when the request carried no body. */
    private static String body(Object raw, boolean base64, int maxBodyBytes) {
        if (!(raw instanceof String text)) {
            return null;
        }
        if (!base64) {
            if (text.length() > maxBodyBytes || text.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
                throw tooLarge(maxBodyBytes);
            }
            return text;
        }
        if ((long) text.length() * 3 / 4 > maxBodyBytes + 2L) {
            throw tooLarge(maxBodyBytes);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("The body is marked base64 but is not valid base64.");
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("The body is not valid UTF-8.");
        }
    }

    private static HttpError tooLarge(int maxBodyBytes) {
        return new HttpError(413, "PAYLOAD_TOO_LARGE", "The body exceeds " + maxBodyBytes + " bytes.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    String header(String name) {
        return headers.get(name);
    }
}
