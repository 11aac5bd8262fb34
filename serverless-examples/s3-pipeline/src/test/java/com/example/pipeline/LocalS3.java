package com.example.pipeline;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One S3Mock for the whole test JVM, started on first use: the real S3 REST protocol, in-process, no Docker.
 * Two buckets: {@link #VERSIONED} (as serverless.yml creates it) and {@link #PLAIN} (versioning off).
 */
final class LocalS3 {

    static final String VERSIONED = "pipeline-versioned";
    static final String PLAIN = "pipeline-plain";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));

    private static S3MockExtension mock;
    private static S3Client admin;
    private static S3Client adminWithoutChecksums;

    private LocalS3() {
    }

    static synchronized String endpoint() {
        if (mock == null) {
            mock = S3MockExtension.builder().silent().withSecureConnection(false)
                    .withInitialBuckets(VERSIONED, PLAIN).build();
            mock.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mock::stop, "s3mock-stop"));
            admin = client(UrlConnectionHttpClient.create(), RequestChecksumCalculation.WHEN_SUPPORTED);
            adminWithoutChecksums = client(UrlConnectionHttpClient.create(), RequestChecksumCalculation.WHEN_REQUIRED);
            admin.putBucketVersioning(r -> r.bucket(VERSIONED)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        return mock.getServiceEndpoint();
    }

    /** The environment the function gets in these tests: Lambda's region, and S3 pointed at S3Mock. */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("S3_ENDPOINT", endpoint());
        env.put("S3_PATH_STYLE", "true");
        return env;
    }

    /** A client for arranging and asserting; uploads carry the SDK's default CRC32. */
    static S3Client admin() {
        endpoint();
        return admin;
    }

    /** The pipeline as the handler builds it, over {@code http}, with millisecond backoff. */
    static Pipeline pipeline(SdkHttpClient http, Settings settings) {
        S3Client s3 = S3.builder(env(), http, CREDENTIALS, settings.maxAttempts(), Duration.ofMillis(5)).build();
        return new Pipeline(s3, settings, Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Settings settings() {
        return Settings.fromEnvironment(Map.of());
    }

    static PutObjectResponse put(String bucket, String key, byte[] content) {
        return admin().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /** Uploaded with no checksum: the pipeline falls back to the ETag (MD5) and the size. */
    static PutObjectResponse putWithoutChecksum(String bucket, String key, byte[] content) {
        endpoint();
        return adminWithoutChecksums.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    static byte[] get(String bucket, String key) {
        return admin().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    static List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : admin().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    private static S3Client client(SdkHttpClient http, RequestChecksumCalculation checksums) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(mock.getServiceEndpoint()))
                .forcePathStyle(true)
                .credentialsProvider(CREDENTIALS)
                .requestChecksumCalculation(checksums)
                .httpClient(http)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(2)))
                .build();
    }
}
