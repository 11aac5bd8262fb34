package com.example.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * S3 on loopback, for SnapStart priming: an HTTPS server in this JVM, on 127.0.0.1 and a port of its own, that
 * answers what {@link OfflineS3.CannedS3} answers, one request per connection ({@code Connection: close}), with a
 * throwaway RSA 2048 key and certificate ({@link TlsPriming#selfSigned}). Whole events run through it with a
 * URL-connection client of their own that trusts that certificate alone: the code of the first real request after
 * restore (the JDK's HTTPS client, TLS over a socket, the SDK's URL-connection client, reading S3's answers off the
 * wire), which the in-memory priming does not reach, is loaded, linked and compiled in the snapshot.
 *
 * <p>Nothing survives it: each connection is closed by the server after its answer (so none waits in the JDK's
 * keep-alive cache), the server socket on {@link #close()}, the client with its events, and the TLS sessions live in
 * that client's own context, not in the function's.
 */
final class LoopbackS3 implements AutoCloseable {

    private final SSLServerSocket server;
    private final TrustManagerFactory trust;
    private final AtomicInteger served = new AtomicInteger();
    private Thread answering;

    private LoopbackS3(SSLServerSocket server, TrustManagerFactory trust) {
        this.server = server;
        this.trust = trust;
    }

    /** Starts the server on loopback; its thread answers until {@link #close()}. */
    static LoopbackS3 start() throws IOException, GeneralSecurityException {
        KeyPair pair = TlsPriming.rsaKey();
        X509Certificate certificate = TlsPriming.selfSigned(pair);
        TrustManagerFactory trust = TlsPriming.trusting(certificate);
        SSLServerSocket server = (SSLServerSocket) TlsPriming.server(pair, certificate).getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        LoopbackS3 s3 = new LoopbackS3(server, trust);
        s3.answering = new Thread(s3::serve, "priming-s3");
        s3.answering.setDaemon(true);
        s3.answering.start();
        return s3;
    }

    /**
     * Runs {@code rounds} whole Object Created events ({@link OfflineS3#run}) through this server, with an S3 client
     * of their own (closed after them) that trusts this server's certificate alone.
     */
    static List<Outcome> run(Map<String, String> env, int rounds) throws IOException, GeneralSecurityException {
        try (LoopbackS3 s3 = start()) {
            return OfflineS3.run(s3.env(env), rounds, s3.http());
        }
    }

    /** {@code env} with this server as the S3 endpoint (path-style). */
    Map<String, String> env(Map<String, String> env) {
        Map<String, String> local = new HashMap<>(env);
        local.put("S3_ENDPOINT", "https://127.0.0.1:" + server.getLocalPort());
        local.put("S3_PATH_STYLE", "true");
        return local;
    }

    /** A URL-connection client, built as {@link S3#http()} builds the function's, trusting this server alone. */
    SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build();
    }

    /** Requests answered so far. */
    int served() {
        return served.get();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes the server socket and waits (up to 5 s) for its thread to end. */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            answering.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the server socket is closed and its thread has ended. */
    boolean stopped() {
        return server.isClosed() && !answering.isAlive();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                answer(socket.getInputStream(), socket.getOutputStream(), served);
            } catch (IOException | RuntimeException e) {
                // closed, or a client that went away: the next connection is answered as usual
            }
        }
    }

    /** Reads one request (head, then the body its Content-Length gives), counts it, and writes S3's answer. */
    private static void answer(InputStream in, OutputStream out, AtomicInteger served) throws IOException {
        String[] head = head(in).split("\r\n");
        SdkHttpMethod method = SdkHttpMethod.fromValue(head[0].substring(0, head[0].indexOf(' ')));
        long length = 0;
        for (String line : head) {
            String header = line.toLowerCase(Locale.ROOT);
            if (header.startsWith("content-length:")) {
                length = Long.parseLong(header.substring("content-length:".length()).trim());
            } else if (header.startsWith("expect:") && header.contains("100-continue")) {
                // The SDK asks before an upload: let it send the body
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        in.skipNBytes(length);
        served.incrementAndGet();
        HttpExecuteResponse response = OfflineS3.CannedS3.answer(method);
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(response.httpResponse().statusCode())
                .append(response.httpResponse().statusCode() == 200 ? " OK" : " Not Found").append("\r\n");
        response.httpResponse().forEachHeader((name, values) -> values.forEach(
                value -> text.append(name).append(": ").append(value).append("\r\n")));
        text.append("Connection: close\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        if (method != SdkHttpMethod.HEAD) {
            out.write(response.responseBody().orElseThrow().readAllBytes());
        }
        out.flush();
    }

    /** The request's head, up to the empty line that ends it. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int state = 0; state < 4; ) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the request's head ended");
            }
            head.write(b);
            state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
