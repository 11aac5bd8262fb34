package ${package};

import dev.brisk.lambda.SnapStart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Before the SnapStart snapshot, runs whole Object Created events through the handler and a second S3 client
 * whose HTTP client answers from memory like S3 (no network, no real credentials): request marshalling, signing,
 * upload checksums, the endpoint rules, response checksum validation, header and XML parsing and the pipeline are
 * loaded, linked and, run {@value #ROUNDS} times, compiled in the snapshot (SnapStart functions run with full
 * tiered compilation since java25). Then the TLS client and the JDK's HTTP client, without traffic. Registered only
 * when Lambda initialises for a snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    static final byte[] OBJECT = ("{\"id\":\"p-1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"amount\":1.5,\"currency\":\"EUR\"}\n"
            + "{\"id\":\"p-2\",\"amount\":-1}\n").getBytes(StandardCharsets.UTF_8);

    /** Whole events run through the offline client: enough for the JIT to compile the request path. */
    static final int ROUNDS = 20;

    private final PipelineHandler handler;

    SnapStartPriming(PipelineHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() throws IOException {
        Map<String, String> env = System.getenv();
        Settings settings = Settings.fromEnvironment(env);
        try (S3Client offline = S3.builder(env, new CannedS3(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create("priming", "priming", "priming")), 1, S3.BASE_DELAY).build()) {
            PipelineHandler primed = new PipelineHandler(new Pipeline(offline, settings,
                    Path.of(System.getProperty("java.io.tmpdir"))));
            for (int round = 0; round < ROUNDS; round++) {
                invoke(primed, event("Object Created", settings.inputPrefix() + "priming.jsonl"));
            }
        }
        // The real handler, on paths that never reach S3
        invoke(handler, "{\"warmer\":true}".getBytes(StandardCharsets.UTF_8));
        invoke(handler, event("Object Deleted", settings.inputPrefix() + "priming.jsonl"));
        tls();
        http();
    }

    /**
     * The JDK's HTTPS client under the SDK's URL-connection client, as the first real request uses it, against a
     * closed port of loopback: its classes load and link, the connection is refused, nothing is left open.
     */
    static void http() {
        SdkHttpClient http = S3.http();
        try {
            http.prepareRequest(HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.HEAD).uri(URI.create("https://127.0.0.1:9/")).build()).build()).call();
        } catch (IOException | RuntimeException expected) {
            // refused: what was wanted is the code on the way there
        } finally {
            http.close();
        }
    }

    /**
     * The TLS client of the first real request, in memory: the JDK's default context (providers, cipher suites,
     * the trust store) and a ClientHello written by an engine (key shares, extensions); no byte leaves the JVM, and
     * no session is cached (a session needs a finished handshake). The URL-connection client's own context is
     * built with the S3 client, at init.
     */
    static void tls() throws IOException {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine("s3.amazonaws.com", 443);
            engine.setUseClientMode(true);
            ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), hello);
            engine.closeOutbound();
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS client in this JVM", e);
        }
    }

    @Override
    public void afterRestore() {
        // Nothing unique is held: retry jitter comes from a SecureRandom created on the first retry (after restore),
        // spool files are named per invocation, credentials are fetched on the first real request (from the
        // container endpoint under SnapStart), priming opened no connection and cached no TLS session
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
                public HttpExecuteResponse call() throws IOException {
                    // Sent as a real client sends it: the upload's aws-chunked encoding and checksum trailer run
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.transferTo(OutputStream.nullOutputStream());
                        }
                    }
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
