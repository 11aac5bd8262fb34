package com.example.pipeline;

import dev.brisk.lambda.SnapStart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Before the SnapStart snapshot, runs a whole Object Created event through the handler and a second S3 client
 * whose HTTP client answers from memory (no network, no credentials): request marshalling, signing, the endpoint
 * rules, checksum validation, XML parsing and the pipeline are loaded and linked in the snapshot. Registered only
 * when Lambda initialises for a snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    static final byte[] OBJECT = ("{\"id\":\"p-1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"amount\":1.5,\"currency\":\"EUR\"}\n"
            + "{\"id\":\"p-2\",\"amount\":-1}\n").getBytes(StandardCharsets.UTF_8);

    private final PipelineHandler handler;

    SnapStartPriming(PipelineHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() throws IOException {
        Map<String, String> env = System.getenv();
        Settings settings = Settings.fromEnvironment(env);
        try (S3Client offline = S3.builder(env, new CannedS3(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create("priming", "priming")), 1, S3.BASE_DELAY).build()) {
            PipelineHandler primed = new PipelineHandler(new Pipeline(offline, settings,
                    Path.of(System.getProperty("java.io.tmpdir"))));
            invoke(primed, event("Object Created", settings.inputPrefix() + "priming.jsonl"));
        }
        // The real handler, on paths that never reach S3
        invoke(handler, "{\"warmer\":true}".getBytes(StandardCharsets.UTF_8));
        invoke(handler, event("Object Deleted", settings.inputPrefix() + "priming.jsonl"));
    }

    @Override
    public void afterRestore() {
        // Nothing unique is held: retry jitter comes from a SecureRandom created on the first retry (after restore),
        // spool files are named per invocation, and credentials are fetched on the first real request
    }

    private static void invoke(PipelineHandler target, byte[] event) throws IOException {
        target.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
    }

    private static byte[] event(String detailType, String key) {
        return ("{\"source\":\"aws.s3\",\"detail-type\":\"" + detailType + "\",\"detail\":{\"bucket\":{\"name\":"
                + "\"priming-bucket\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + OBJECT.length + ",\"etag\":\""
                + md5(OBJECT) + "\",\"sequencer\":\"00\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** S3 from memory: HEAD finds nothing, GET returns {@link #OBJECT} with its CRC32, PUT succeeds. */
    static final class CannedS3 implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return switch (request.httpRequest().method()) {
                        case HEAD -> response(404, new byte[0]);
                        case GET -> response(200, OBJECT);
                        default -> response(200, new byte[0]);
                    };
                }

                @Override
                public void abort() {
                    // answered synchronously, nothing to abort
                }
            };
        }

        private static HttpExecuteResponse response(int status, byte[] body) {
            CRC32 crc = new CRC32();
            crc.update(body);
            SdkHttpResponse http = SdkHttpResponse.builder()
                    .statusCode(status)
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .putHeader("ETag", "\"" + md5(body) + "\"")
                    .putHeader("x-amz-checksum-crc32", Base64.getEncoder().encodeToString(
                            ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()))
                    .putHeader("x-amz-checksum-type", "FULL_OBJECT")
                    .build();
            return HttpExecuteResponse.builder()
                    .response(http)
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                    .build();
        }

        @Override
        public String clientName() {
            return "priming";
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
