package dev.brisk.lambda.test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Lambda context for unit tests: a fixed request id, a deadline that runs out as Lambda's does, and a logger that
 * prints each line and keeps it for assertions ({@link #logs()}).
 */
public final class TestContext implements Context {

    /** The request id of every TestContext made without one. */
    public static final String REQUEST_ID = "lambda-request-1";
    /** Lambda's default timeout in serverless.yml terms, for a context made without a time. */
    public static final int DEFAULT_REMAINING_MILLIS = 10_000;

    private final String requestId;
    private final long deadlineNanos;
    private final Logger logger = new Logger();

    public TestContext() {
        this(REQUEST_ID, DEFAULT_REMAINING_MILLIS);
    }

    /** A context with this much time left now; it counts down from here. */
    public TestContext(int remainingMillis) {
        this(REQUEST_ID, remainingMillis);
    }

    public TestContext(String requestId, int remainingMillis) {
        this.requestId = requestId;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis);
    }

    /** What the function logged through {@link #getLogger()}, a line per call, in order. */
    public List<String> logs() {
        return logger.lines();
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/test"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "test"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:test"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return 512; }
    @Override public LambdaLogger getLogger() { return logger; }

    /** Time left before the deadline, never below 0, as Lambda counts it. */
    @Override
    public int getRemainingTimeInMillis() {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    /** Prints each message to standard output, as Lambda's logger writes to the log stream, and keeps it. */
    private static final class Logger implements LambdaLogger {

        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void log(String message) {
            lines.add(message);
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
