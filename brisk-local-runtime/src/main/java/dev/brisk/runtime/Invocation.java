package dev.brisk.runtime;

import dev.brisk.runtime.internal.Json;

/**
 * The outcome of one invocation: the response payload as the caller of Lambda's Invoke API gets it (the
 * function's JSON, or for a failure Lambda's error object) and the {@link Report}.
 */
public final class Invocation {

    private final String response;
    private final String errorType;
    private final String errorMessage;
    private final Report report;

    Invocation(String response, String errorType, String errorMessage, Report report) {
        this.response = response;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.report = report;
    }

    /** The raw response payload; for an error, the error object {@code {"errorMessage", "errorType", ...}}. */
    public String response() {
        return response;
    }

    /** The response payload indented for reading; as it came when it is not JSON. */
    public String prettyResponse() {
        return Json.pretty(response);
    }

    /** True when the function, its init or its runtime failed, or the invocation timed out. */
    public boolean isError() {
        return errorType != null;
    }

    /**
     * The error's type, null on success: the exception class for an uncaught exception or a failed init,
     * {@code Sandbox.Timedout} for a timeout, {@code Runtime.ExitError} when the JVM died.
     */
    public String errorType() {
        return errorType;
    }

    /** The error's message, null on success. */
    public String errorMessage() {
        return errorMessage;
    }

    public Report report() {
        return report;
    }

    @Override
    public String toString() {
        return isError() ? errorType + ": " + errorMessage : response;
    }
}
