package ${package};

import dev.brisk.lambda.SnapStart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Before the SnapStart snapshot, runs whole Object Created events through the handler and a second S3 client
 * whose HTTP client answers from memory like S3 (no network, no real credentials): request marshalling, signing,
 * upload checksums, the endpoint rules, response checksum validation, header and XML parsing and the pipeline are
 * loaded, linked and, run {@value #ROUNDS} times, compiled in the snapshot (SnapStart functions run with full
 * tiered compilation since java25). Then the TLS client, through whole handshakes in memory, the JDK's HTTP client,
 * without traffic, whole events again over real sockets and TLS against an S3 on loopback ({@link LoopbackS3}), and
 * the container credentials path, on loopback. Registered only when Lambda initialises for a snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    /** Whole events run through the offline client: enough for the JIT to compile the request path. */
    static final int ROUNDS = 20;

    /** In-memory TLS handshakes: enough for the JIT to compile the handshake's own path. */
    static final int TLS_ROUNDS = 20;

    /** Whole events over loopback sockets and TLS ({@link LoopbackS3}): six connections each. */
    static final int LOOPBACK_ROUNDS = 5;

    private final PipelineHandler handler;

    SnapStartPriming(PipelineHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() throws IOException {
        Map<String, String> env = System.getenv();
        Settings settings = Settings.fromEnvironment(env);
        List<Outcome> outcomes = OfflineS3.run(env, ROUNDS);
        // One line in the init log of the version's publication: what priming did
        System.out.println("SnapStart priming: " + outcomes.size() + " offline events, the last "
                + Json.string(outcomes.get(outcomes.size() - 1).toMap()));
        // The real handler, on paths that never reach S3
        invoke(handler, "{\"warmer\":true}".getBytes(StandardCharsets.UTF_8));
        invoke(handler, OfflineS3.event("Object Deleted", settings.inputPrefix() + "priming.jsonl"));
        tls();
        http();
        loopback(env);
        if (S3.fromContainer(env)) {
            credentials();
        }
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
     * Whole events through {@link LoopbackS3}: the first real request's own code (the JDK's HTTPS client, TLS over a
     * socket, the SDK's URL-connection client reading S3's answers off the wire), which the offline events, answered
     * from memory, never reach. An S3 client of its own, closed after them; every connection closed by the server.
     */
    static List<Outcome> loopback(Map<String, String> env) throws IOException {
        try {
            return LoopbackS3.run(env, LOOPBACK_ROUNDS);
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS in this JVM", e);
        }
    }

    /**
     * The path the real client's credentials take on its first request after restore: Lambda gives SnapStart
     * functions a credentials endpoint on loopback ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), which the SDK's
     * container provider calls over HTTP and whose JSON it parses. Here a provider of its own calls a one-shot server
     * on loopback that answers throwaway credentials; the SDK's system properties point it there for the call only,
     * so the real provider, which reads the endpoint on each fetch, still calls Lambda's. Server and connection are
     * closed before the snapshot.
     */
    static void credentials() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answer(server), "priming-credentials");
            answering.setDaemon(true);
            answering.start();
            String uri = System.getProperty(FULL_URI);
            String token = System.getProperty(TOKEN);
            System.setProperty(FULL_URI, "http://127.0.0.1:" + server.getLocalPort() + "/2021-04-23/credentials");
            System.setProperty(TOKEN, "priming");
            try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
                AwsCredentials credentials = provider.resolveCredentials();
                if (!"ASIAPRIMING".equals(credentials.accessKeyId())) {
                    throw new IOException("the priming credentials were not read: " + credentials.accessKeyId());
                }
            } finally {
                restore(FULL_URI, uri);
                restore(TOKEN, token);
            }
        }
    }

    static final String FULL_URI = "aws.containerCredentialsFullUri";
    static final String TOKEN = "aws.containerAuthorizationToken";

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** Answers every request with throwaway credentials, one connection each, until the server is closed. */
    private static void answer(ServerSocket server) {
        byte[] body = ("{\"AccessKeyId\":\"ASIAPRIMING\",\"SecretAccessKey\":\"priming\",\"Token\":\"priming\","
                + "\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                try {
                    LoopbackS3.head(socket.getInputStream()); // a GET has no body
                } catch (IOException early) {
                    continue; // the client went away before its request ended: nobody to answer
                }
                socket.getOutputStream().write(head);
                socket.getOutputStream().write(body);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * The TLS client of the first real request: the JDK's default context (providers, cipher suites, the trust
     * store), then {@value #TLS_ROUNDS} whole handshakes in memory ({@link TlsPriming}): no byte leaves the JVM, and
     * no session is cached in the default context. The URL-connection client's own context is built with the S3
     * client, at init.
     */
    static void tls() throws IOException {
        try {
            SSLContext.getDefault();
            TlsPriming.handshakes(TLS_ROUNDS);
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS in this JVM", e);
        }
    }

    @Override
    public void afterRestore() {
        // Nothing unique is held: retry jitter comes from a SecureRandom created on the first retry (after restore),
        // spool files are named per invocation, credentials are fetched on the first real request (from the
        // container endpoint under SnapStart), priming's connections (loopback only) are all closed, and its TLS
        // sessions live in throwaway contexts, not in the ones the function's S3 client uses
    }

    private static void invoke(PipelineHandler target, byte[] event) throws IOException {
        target.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
    }
}
