package com.example.observability;

/** A failure the client can act on: its status, a stable code and a message safe to show. */
final class HttpError extends RuntimeException {

    private final int status;
    private final String code;

    HttpError(int status, String code, String message) {
        super(message, null, false, false); // no stack trace: these are expected outcomes
        this.status = status;
        this.code = code;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, "BAD_REQUEST", message);
    }

    static HttpError validation(String message) {
        return new HttpError(400, "VALIDATION_FAILED", message);
    }

    static HttpError internal() {
        return new HttpError(500, "INTERNAL_ERROR", "The request could not be processed.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
