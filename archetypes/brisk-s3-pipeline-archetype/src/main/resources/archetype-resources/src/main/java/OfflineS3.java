package ${package};

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function's whole request path without network: an S3 client of its own whose HTTP client answers from
 * memory as S3 does ({@link CannedS3}), with static credentials, under a pipeline of the function's settings. Run
 * by {@link SnapStartPriming} before a snapshot, never by an invocation.
 */
final class OfflineS3 {

    static final byte[] OBJECT = ("{\"id\":\"p-1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"amount\":1.5,\"currency\":\"EUR\"}\n"
            + "{\"id\":\"p-2\",\"amount\":-1}\n").getBytes(StandardCharsets.UTF_8);

    private OfflineS3() {
    }

    /**
     * Whole Object Created events for {@link #OBJECT} through a pipeline whose S3 client answers from memory
     * ({@link CannedS3}) with static session credentials, and their answers encoded as the handler encodes them.
     *
     * @return the outcomes, one per round
     */
    static List<Outcome> run(Map<String, String> env, int rounds) throws IOException {
        return run(env, rounds, new CannedS3());
    }

    /** The same, with the S3 client's HTTP client given: {@link LoopbackS3} runs them over real sockets and TLS. */
    static List<Outcome> run(Map<String, String> env, int rounds, SdkHttpClient http) throws IOException {
        Settings settings = Settings.fromEnvironment(env);
        List<Outcome> outcomes = new ArrayList<>();
        try (S3Client offline = S3.builder(env, http, StaticCredentialsProvider.create(
                AwsSessionCredentials.create("priming", "priming", "priming")), 1, S3.BASE_DELAY).build()) {
            Pipeline pipeline = new Pipeline(offline, settings, Path.of(System.getProperty("java.io.tmpdir")));
            for (int round = 0; round < rounds; round++) {
                Outcome outcome = pipeline.process(ObjectEvent.parse(
                        event("Object Created", settings.inputPrefix() + "priming.jsonl")));
                Json.bytes(outcome.toMap());
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    static byte[] event(String detailType, String key) {
        return ("{\"source\":\"aws.s3\",\"detail-type\":\"" + detailType + "\",\"detail\":{\"bucket\":{\"name\":"
                + "\"priming-bucket\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + OBJECT.length + ",\"etag\":\""
                + md5(OBJECT) + "\",\"sequencer\":\"00\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    static String md5(byte[] bytes) {
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
                public HttpExecuteResponse call() throws IOException {
                    // Sent as a real client sends it: the upload's aws-chunked encoding and checksum trailer run
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    return answer(request.httpRequest().method());
                }

                @Override
                public void abort() {
                    // answered synchronously, nothing to abort
                }
            };
        }

        /** S3's answer to a request of {@code method}: HEAD finds nothing, GET the object, PUT succeeds. */
        static HttpExecuteResponse answer(SdkHttpMethod method) {
            return switch (method) {
                case HEAD -> response(404, new byte[0]);
                case GET -> response(200, OBJECT);
                default -> response(200, new byte[0]);
            };
        }

        private static HttpExecuteResponse response(int status, byte[] body) {
            CRC32 crc = new CRC32();
            crc.update(body);
            SdkHttpResponse http = SdkHttpResponse.builder()
                    .statusCode(status)
                    // S3's own headers, dates included: parsing them loads the JDK's locale data
                    .putHeader("Date", "Thu, 01 Jan 2026 00:00:00 GMT")
                    .putHeader("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")
                    .putHeader("Server", "AmazonS3")
                    .putHeader("x-amz-request-id", "PRIMING")
                    .putHeader("x-amz-id-2", "priming")
                    .putHeader("Content-Type", "application/octet-stream")
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
