package dev.brisk.lambda.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;
import org.json.JSONException;
import org.json.JSONObject;

/** The function role's credentials, as Lambda hands them over. */
record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    @Override
    public String toString() {
        return "Credentials[" + accessKeyId + ", secret and token hidden]";
    }

    /**
     * On-demand functions get the role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
     * AWS_SESSION_TOKEN; SnapStart functions get none there (a snapshot must not hold them) but a loopback endpoint,
     * AWS_CONTAINER_CREDENTIALS_FULL_URI, which answers with credentials and their expiry.
     */
    static Supplier<Credentials> fromEnvironment(Map<String, String> env, Clock clock) {
        String uri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (uri != null && !uri.isBlank()) {
            return new ContainerEndpoint(URI.create(uri), () -> token(env), clock);
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("No AWS credentials: neither AWS_CONTAINER_CREDENTIALS_FULL_URI nor "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set (Lambda sets them for the function's role).");
        }
        Credentials fixed = new Credentials(key, secret, env.get("AWS_SESSION_TOKEN"));
        return () -> fixed;
    }

    /** The endpoint's Authorization header: AWS_CONTAINER_AUTHORIZATION_TOKEN, or the file ..._TOKEN_FILE names. */
    private static String token(Map<String, String> env) {
        String file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file, e);
            }
        }
        return env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }

    /**
     * Credentials from the container endpoint, fetched on first use (never during init, so never into a snapshot)
     * and again five minutes before they expire.
     */
    static final class ContainerEndpoint implements Supplier<Credentials> {

        static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

        private final URI uri;
        private final Supplier<String> token;
        private final Clock clock;
        private Credentials current;
        private Instant refreshAt = Instant.MIN;

        ContainerEndpoint(URI uri, Supplier<String> token, Clock clock) {
            this.uri = uri;
            this.token = token;
            this.clock = clock;
        }

        @Override
        public synchronized Credentials get() {
            if (current == null || !clock.instant().isBefore(refreshAt)) {
                JSONObject answer = fetch();
                try {
                    current = new Credentials(answer.getString("AccessKeyId"), answer.getString("SecretAccessKey"),
                            answer.optString("Token", null));
                    refreshAt = Instant.parse(answer.getString("Expiration")).minus(REFRESH_BEFORE_EXPIRY);
                } catch (JSONException | DateTimeParseException e) {
                    throw new IllegalStateException("The credentials endpoint answered without AccessKeyId, "
                            + "SecretAccessKey and an ISO-8601 Expiration", e);
                }
            }
            return current;
        }

        private JSONObject fetch() {
            try {
                HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
                http.setConnectTimeout(1_000);
                http.setReadTimeout(2_000);
                String authorization = token.get();
                if (authorization != null && !authorization.isBlank()) {
                    http.setRequestProperty("Authorization", authorization);
                }
                int status = http.getResponseCode();
                if (status != 200) {
                    throw new IllegalStateException("The credentials endpoint answered HTTP " + status);
                }
                try (InputStream in = http.getInputStream()) {
                    return new JSONObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot reach the credentials endpoint " + uri, e);
            } catch (JSONException e) {
                throw new IllegalStateException("The credentials endpoint answered something other than JSON", e);
            }
        }
    }
}
