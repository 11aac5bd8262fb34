package com.example.pipeline;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the one S3 client, everything explicit so that init discovers nothing: region and credentials from
 * Lambda's environment, the JDK's HttpURLConnection as HTTP client, no profile files, and the SDK's standard retry
 * strategy with {@code S3_MAX_ATTEMPTS} attempts and full-jitter exponential backoff. {@code S3_ENDPOINT} and
 * {@code S3_PATH_STYLE} point it at a local S3 (tests, brisk:invoke); unset on Lambda.
 */
final class S3 {

    static final Duration BASE_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private S3() {
    }

    static S3Client client(Map<String, String> env, int maxAttempts) {
        return builder(env, http(), credentials(env), maxAttempts, BASE_DELAY).build();
    }

    static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    static S3ClientBuilder builder(Map<String, String> env, SdkHttpClient http, AwsCredentialsProvider credentials,
                                   int maxAttempts, Duration baseDelay) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(credentials)
                .httpClient(http)
                .forcePathStyle(Boolean.parseBoolean(env.getOrDefault("S3_PATH_STYLE", "false")))
                // Uploads carry a CRC32 and downloads are checked against the object's checksum when it has one
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED)
                .overrideConfiguration(o -> o
                        // Lambda has no ~/.aws files: do not look for them
                        .defaultProfileFileSupplier(() -> ProfileFile.aggregator().build())
                        .defaultProfileName("default")
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .backoffStrategy(new FullJitter(baseDelay, MAX_DELAY))
                                // Throttling (503 SlowDown) backs off from a longer base: S3 asked for less traffic
                                .throttlingBackoffStrategy(new FullJitter(baseDelay.multipliedBy(5), MAX_DELAY))
                                .build()));
        String endpoint = env.get("S3_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    /** Lambda hands on-demand functions keys in the environment, SnapStart ones a credentials endpoint. */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        if (fromContainer(env)) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    /** Whether Lambda gives this function a credentials endpoint (SnapStart) rather than keys (on demand). */
    static boolean fromContainer(Map<String, String> env) {
        return env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    }

    /**
     * Exponential backoff with full jitter: a delay drawn from [0, min(max, base * 2^(attempt-1))]. Drawn from a
     * SecureRandom created on the first retry, so copies restored from one SnapStart snapshot never retry in step
     * (a ThreadLocalRandom seeded before the snapshot would be the same in all of them).
     */
    static final class FullJitter implements BackoffStrategy {

        private final long baseMillis;
        private final long maxMillis;

        FullJitter(Duration base, Duration max) {
            this.baseMillis = base.toMillis();
            this.maxMillis = max.toMillis();
        }

        @Override
        public Duration computeDelay(int attempt) {
            long ceiling = Math.min(maxMillis, baseMillis << Math.min(Math.max(attempt - 1, 0), 16));
            return Duration.ofMillis(Random.INSTANCE.nextLong(ceiling + 1));
        }

        private static final class Random {
            static final SecureRandom INSTANCE = new SecureRandom();
        }
    }
}
