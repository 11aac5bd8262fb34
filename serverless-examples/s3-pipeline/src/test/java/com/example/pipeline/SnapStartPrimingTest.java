package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * SnapStart priming: whole events through the offline client, none through the real one, and whole TLS handshakes
 * in memory that really validate the certificate and the host name (so the code primed is the code a real
 * handshake runs).
 */
class SnapStartPrimingTest {

    private static KeyPair pair;
    private static X509Certificate certificate;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        certificate = TlsPriming.selfSigned(pair);
    }

    @Test
    void primingRunsWholeEventsOfflineAndNothingThroughTheFunctionsOwnClient() throws IOException {
        FaultyHttp http = new FaultyHttp();
        // The function's own client points at a closed port: any request would be counted (and fail)
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "S3_ENDPOINT", "http://127.0.0.1:9",
                "S3_PATH_STYLE", "true");
        PipelineHandler handler = new PipelineHandler(new Pipeline(
                S3.builder(env, http, LocalS3.CREDENTIALS, 1, Duration.ofMillis(1)).build(),
                LocalS3.settings(), Path.of(System.getProperty("java.io.tmpdir"))));

        String printed = stdout(() -> new SnapStartPriming(handler).beforeCheckpoint());

        for (SdkHttpMethod method : SdkHttpMethod.values()) {
            assertEquals(0, http.count(method), method + " requests through the function's own client");
        }
        // The real handler saw the deleted-object event, and printed its answer as on every invocation
        assertTrue(printed.contains("\"status\":\"ignored\""), "the Object Deleted event: " + printed);
    }

    @Test
    void theOfflineClientRunsWholeEvents() throws IOException {
        List<Outcome> outcomes = OfflineS3.run(Map.of("AWS_REGION", "us-east-1"), 3);
        assertEquals(3, outcomes.size());
        for (Outcome outcome : outcomes) {
            // The canned object: one valid record, one rejected, written to the output prefix
            assertEquals("processed", outcome.status(), outcome.toString());
            assertEquals(1, outcome.records());
            assertEquals(1, outcome.rejected());
            assertTrue(outcome.source().startsWith("s3://priming-bucket/"), outcome.source());
        }
    }

    @Test
    void theCannedS3AnswersAsS3Does() throws IOException {
        OfflineS3.CannedS3 s3 = new OfflineS3.CannedS3();
        HttpExecuteResponse head = s3.prepareRequest(request(SdkHttpMethod.HEAD)).call();
        assertEquals(404, head.httpResponse().statusCode());

        HttpExecuteResponse get = s3.prepareRequest(request(SdkHttpMethod.GET)).call();
        assertEquals(200, get.httpResponse().statusCode());
        byte[] body = get.responseBody().orElseThrow().readAllBytes();
        assertArrayEquals(OfflineS3.OBJECT, body);
        CRC32 crc = new CRC32();
        crc.update(body);
        assertEquals(Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()),
                get.httpResponse().firstMatchingHeader("x-amz-checksum-crc32").orElseThrow());
        assertEquals(Integer.toString(body.length),
                get.httpResponse().firstMatchingHeader("Content-Length").orElseThrow());

        assertEquals(200, s3.prepareRequest(request(SdkHttpMethod.PUT)).call().httpResponse().statusCode());
    }

    @Test
    void theHttpClientPrimingIsRefusedQuietly() {
        // Port 9 of loopback: nothing listens; the refusal must not escape
        assertDoesNotThrow(SnapStartPriming::http);
    }

    @Test
    void theCredentialsPathIsPrimedOnLoopbackAndLambdasEndpointIsLeftInPlace() throws IOException {
        String lambdas = "http://127.0.0.1:9001/2021-04-23/credentials";
        System.setProperty(SnapStartPriming.FULL_URI, lambdas);
        System.clearProperty(SnapStartPriming.TOKEN);
        try {
            // Throws unless the provider read the one-shot server's credentials
            SnapStartPriming.credentials();
            assertEquals(lambdas, System.getProperty(SnapStartPriming.FULL_URI));
            assertEquals(null, System.getProperty(SnapStartPriming.TOKEN));
        } finally {
            System.clearProperty(SnapStartPriming.FULL_URI);
        }
        SnapStartPriming.credentials();
        assertEquals(null, System.getProperty(SnapStartPriming.FULL_URI));
    }

    @Test
    void theLoopbackS3RunsWholeEventsOverTlsAndClosesEverything() throws Exception {
        List<Outcome> outcomes;
        LoopbackS3 loopback;
        try (LoopbackS3 s3 = LoopbackS3.start()) {
            loopback = s3;
            assertFalse(s3.stopped());
            outcomes = OfflineS3.run(s3.env(Map.of("AWS_REGION", "us-east-1")), 2, s3.http());
            // Six requests an event, each on a connection of its own: marker, result, object, result written,
            // marker again, marker written
            assertEquals(12, s3.served());
        }
        assertEquals(2, outcomes.size());
        for (Outcome outcome : outcomes) {
            // Over the wire as from memory: one valid record, one rejected, the object's CRC32 checked
            assertEquals("processed", outcome.status(), outcome.toString());
            assertEquals(1, outcome.records());
            assertEquals(1, outcome.rejected());
        }
        // Closed: its socket, and its thread has ended
        assertTrue(loopback.stopped());
    }

    @Test
    void theLoopbackS3IsTrustedByItsOwnClientAlone() throws Exception {
        // The function's HTTP client (the JDK's trust store) refuses the throwaway certificate
        try (LoopbackS3 s3 = LoopbackS3.start(); SdkHttpClient http = S3.http()) {
            HttpExecuteRequest head = HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.HEAD).uri(URI.create("https://127.0.0.1:" + s3.port() + "/b/k")).build())
                    .build();
            assertThrows(SSLHandshakeException.class, () -> http.prepareRequest(head).call());
            assertEquals(0, s3.served());
            // while the loopback's own client is answered, on a connection that is not kept
            HttpExecuteResponse answer = s3.http().prepareRequest(head).call();
            assertEquals(404, answer.httpResponse().statusCode());
            assertEquals(List.of("close"), answer.httpResponse().matchingHeaders("Connection"));
            assertEquals(1, s3.served());
            // S3's headers on the wire: the object, its length and the checksum the SDK validates
            HttpExecuteResponse get = s3.http().prepareRequest(HttpExecuteRequest.builder().request(
                    SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                            .uri(URI.create("https://127.0.0.1:" + s3.port() + "/b/k")).build()).build()).call();
            assertEquals(200, get.httpResponse().statusCode());
            assertArrayEquals(OfflineS3.OBJECT, get.responseBody().orElseThrow().readAllBytes());
            assertEquals(OfflineS3.CannedS3.answer(SdkHttpMethod.GET).httpResponse().firstMatchingHeader(
                    "x-amz-checksum-crc32"), get.httpResponse().firstMatchingHeader("x-amz-checksum-crc32"));
            assertEquals(List.of(Integer.toString(OfflineS3.OBJECT.length)),
                    get.httpResponse().matchingHeaders("Content-Length"));
        }
    }

    @Test
    void primingRunsWholeEventsOverLoopback() throws IOException {
        List<Outcome> outcomes = SnapStartPriming.loopback(Map.of("AWS_REGION", "us-east-1"));
        assertEquals(SnapStartPriming.LOOPBACK_ROUNDS, outcomes.size());
        assertEquals("processed", outcomes.get(outcomes.size() - 1).status());
    }

    @Test
    void anInMemoryHandshakeCompletesAndCarriesData() throws Exception {
        SSLContext client = TlsPriming.client(certificate);
        SSLContext server = TlsPriming.server(pair, certificate);
        assertEquals("pong", TlsPriming.handshake(TlsPriming.client(client, TlsPriming.HOST), server.createSSLEngine()));
        assertEquals(2, TlsPriming.handshakes(2));
        assertEquals(0, TlsPriming.handshakes(0));
    }

    @Test
    void theHandshakeValidatesTheCertificateAsARealOneDoes() throws Exception {
        SSLContext server = TlsPriming.server(pair, certificate);
        // The JDK's own trust store does not hold the priming certificate: the handshake must fail
        assertThrows(SSLHandshakeException.class, () -> TlsPriming.handshake(
                TlsPriming.client(SSLContext.getDefault(), TlsPriming.HOST), server.createSSLEngine()));
    }

    @Test
    void theHandshakeChecksTheHostName() throws Exception {
        SSLContext client = TlsPriming.client(certificate);
        SSLContext server = TlsPriming.server(pair, certificate);
        assertThrows(SSLHandshakeException.class, () -> TlsPriming.handshake(
                TlsPriming.client(client, "s3.amazonaws.com"), server.createSSLEngine()));
    }

    @Test
    void theCertificateIsSelfSignedForTheHostAndValidNow() throws Exception {
        X509Certificate certificate = TlsPriming.selfSigned(pair); // made here: static state outlives mutants
        certificate.verify(pair.getPublic());
        certificate.checkValidity(new Date());
        assertEquals("CN=" + TlsPriming.HOST, certificate.getSubjectX500Principal().getName());
        // subjectAltName: the host's name (2, dNSName) and loopback's address (7, iPAddress)
        assertEquals(List.of(List.of(2, TlsPriming.HOST), List.of(7, "127.0.0.1")),
                List.copyOf(certificate.getSubjectAlternativeNames()));
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(3, certificate.getVersion());
        assertEquals("SHA256withRSA", certificate.getSigAlgName());
        long now = System.currentTimeMillis();
        assertTrue(certificate.getNotBefore().getTime() < now - 3_000_000L, "valid since an hour ago");
        assertTrue(certificate.getNotAfter().getTime() > now + 80_000_000L, "valid for a day");
    }

    @Test
    void derLengthsUseTheShortAndTheLongForm() {
        assertArrayEquals(new byte[] {0x04, 0x02, 1, 2}, TlsPriming.der(0x04, new byte[] {1}, new byte[] {2}));
        byte[] medium = TlsPriming.der(0x04, new byte[0x7f]);
        assertArrayEquals(new byte[] {0x04, 0x7f}, Arrays.copyOf(medium, 2));
        byte[] first = TlsPriming.der(0x04, new byte[0x80]);
        assertArrayEquals(new byte[] {0x04, (byte) 0x81, (byte) 0x80}, Arrays.copyOf(first, 3));
        byte[] one = TlsPriming.der(0x04, new byte[0xc8]);
        assertArrayEquals(new byte[] {0x04, (byte) 0x81, (byte) 0xc8}, Arrays.copyOf(one, 3));
        assertEquals(3 + 0xc8, one.length);
        byte[] two = TlsPriming.der(0x30, new byte[300]);
        assertArrayEquals(new byte[] {0x30, (byte) 0x82, 0x01, 0x2c}, Arrays.copyOf(two, 4));
        assertEquals(4 + 300, two.length);
    }

    private static HttpExecuteRequest request(SdkHttpMethod method) {
        return HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder().method(method)
                .uri(URI.create("https://priming-bucket.s3.us-east-1.amazonaws.com/key")).build()).build();
    }

    private interface Action {
        void run() throws IOException;
    }

    private static String stdout(Action action) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
