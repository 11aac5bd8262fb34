package dev.brisk.lambda.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The few DynamoDB calls this function makes, over its JSON protocol: a signed POST through the JDK's
 * HttpURLConnection. It replaces the AWS SDK's DynamoDB client, whose interface alone keeps some 1,300 model classes
 * in the jar and whose first request loads about 2,400 classes (benchmarks/coldstart/sqs in the Brisk repository). What the SDK would do here,
 * this does too: Signature Version 4, the response's CRC32 checked, throttling, 5xx and I/O errors retried up to
 * {@code maxAttempts} with full-jitter exponential backoff, DynamoDB's error type and message kept.
 */
final class DynamoDb {

    /** Sends one request: over HttpURLConnection in production, from memory for SnapStart priming and tests. */
    interface Transport {
        Response post(URI endpoint, Map<String, String> headers, byte[] body) throws IOException;
    }

    /** Status, the x-amz-crc32 header (or null) and the body. */
    record Response(int status, String crc32, byte[] body) {
    }

    /** An error DynamoDB answered, or the last one met when retries ran out. */
    static final class Failure extends RuntimeException {

        private final String type;
        private final int status;
        private final JSONObject body;

        Failure(String operation, String type, int status, String message, JSONObject body, Throwable cause) {
            super("DynamoDB " + operation + ": " + type + (status > 0 ? " (HTTP " + status + ")" : "")
                    + (message == null || message.isBlank() ? "" : ": " + message), cause);
            this.type = type;
            this.status = status;
            this.body = body;
        }

        /** DynamoDB's error name, e.g. ConditionalCheckFailedException; IOException for a transport failure. */
        String type() {
            return type;
        }

        /** The error document DynamoDB sent (empty when there was none). */
        JSONObject body() {
            return body;
        }

        boolean retryable() {
            return status == 0 || status >= 500 || THROTTLING.contains(type);
        }
    }

    static final int MAX_ATTEMPTS = 3;
    static final long BASE_DELAY_MS = 25;
    static final long MAX_DELAY_MS = 1_000;
    private static final Set<String> THROTTLING = Set.of("ProvisionedThroughputExceededException",
            "ThrottlingException", "RequestLimitExceeded");

    private final URI endpoint;
    private final String host;
    private final String region;
    private final Supplier<Credentials> credentials;
    private final Transport transport;
    private final int maxAttempts;
    private final Clock clock;

    DynamoDb(URI endpoint, String region, Supplier<Credentials> credentials, Transport transport, int maxAttempts,
             Clock clock) {
        this.endpoint = endpoint;
        // What HttpURLConnection sends as Host, which the signature covers
        this.host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ':' + endpoint.getPort();
        this.region = region;
        this.credentials = credentials;
        this.transport = transport;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /**
     * The region's endpoint (AWS_REGION), or AWS_ENDPOINT_URL_DYNAMODB when set (a local DynamoDB), the role's
     * credentials, HttpURLConnection. Nothing is read from files and nothing reaches the network here.
     */
    static DynamoDb fromEnvironment(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (Lambda sets it).");
        }
        String override = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        URI endpoint = override != null && !override.isBlank() ? URI.create(override)
                : URI.create("https://dynamodb." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
        return new DynamoDb(endpoint, region, Credentials.fromEnvironment(env, Clock.systemUTC()),
                DynamoDb::send, MAX_ATTEMPTS, Clock.systemUTC());
    }

    /** Where the requests go. */
    URI endpoint() {
        return endpoint;
    }

    /** Calls an operation (PutItem, DeleteItem, ...) and returns DynamoDB's answer; throws {@link Failure}. */
    JSONObject call(String operation, JSONObject request) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("host", host);
                headers.put("content-type", "application/x-amz-json-1.0");
                headers.put("x-amz-target", "DynamoDB_20120810." + operation);
                Response response = transport.post(endpoint, SigV4.sign("POST", "/", headers, body,
                        credentials.get(), region, "dynamodb", clock.instant().getEpochSecond()), body);
                failure = outcome(operation, response);
                if (failure == null) {
                    return object(response.body());
                }
            } catch (IOException e) {
                failure = new Failure(operation, "IOException", 0, e.getMessage(), new JSONObject(), e);
            }
            if (!failure.retryable() || attempt >= maxAttempts) {
                throw failure;
            }
            sleep(Jitter.delay(attempt));
        }
    }

    /** Null for a good answer, else what went wrong. */
    private static Failure outcome(String operation, Response response) {
        if (response.crc32() != null) {
            CRC32 crc = new CRC32();
            crc.update(response.body());
            if (!Long.toString(crc.getValue()).equals(response.crc32().trim())) {
                // Corrupted on the way: an I/O failure like any other, so retried
                return new Failure(operation, "IOException", 0, "the response does not match its x-amz-crc32",
                        new JSONObject(), null);
            }
        }
        if (response.status() == 200) {
            return null;
        }
        JSONObject error = object(response.body());
        String type = error.optString("__type", "");
        type = type.isEmpty() ? "HTTP " + response.status() : type.substring(type.indexOf('#') + 1);
        String message = error.optString("message", error.optString("Message", ""));
        return new Failure(operation, type, response.status(), message, error, null);
    }

    private static JSONObject object(byte[] body) {
        try {
            return body.length == 0 ? new JSONObject() : new JSONObject(new String(body, StandardCharsets.UTF_8));
        } catch (JSONException e) {
            // A proxy's HTML error page, say: the status code tells the rest
            return new JSONObject();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while backing off", e);
        }
    }

    /** The production transport: one request through HttpURLConnection, kept alive for the next one. */
    static Response send(URI endpoint, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection http = (HttpURLConnection) endpoint.toURL().openConnection();
        http.setConnectTimeout(2_000);
        http.setReadTimeout(5_000);
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setFixedLengthStreamingMode(body.length);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                // HttpURLConnection sends Host itself, as the signature expects it
                http.setRequestProperty(name, value);
            }
        });
        try (OutputStream out = http.getOutputStream()) {
            out.write(body);
        }
        int status = http.getResponseCode();
        InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
        byte[] answer;
        if (in == null) {
            answer = new byte[0];
        } else {
            try (in) {
                answer = in.readAllBytes();
            }
        }
        return new Response(status, http.getHeaderField("x-amz-crc32"), answer);
    }

    /**
     * Full-jitter exponential backoff: a delay drawn from [0, min(max, base * 2^(attempt-1))] ms. The SecureRandom
     * is created on the first retry, never before a SnapStart snapshot, so restored copies do not retry in step.
     */
    static final class Jitter {

        private static final SecureRandom RANDOM = new SecureRandom();

        private Jitter() {
        }

        static long delay(int attempt) {
            long ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempt - 1, 16));
            return RANDOM.nextLong(ceiling + 1);
        }
    }
}
