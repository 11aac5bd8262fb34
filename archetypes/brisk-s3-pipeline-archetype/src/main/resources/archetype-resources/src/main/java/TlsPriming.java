package ${package};

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A whole TLS handshake, in memory: a client and a server {@link SSLEngine} of this JVM talk to each other through
 * byte buffers, with a key pair and a self-signed certificate made for the purpose (RSA 2048, as S3's certificates,
 * and never written anywhere), then exchange one record each way. No socket is opened and no session survives
 * (both engines are closed, and the client's context is a throwaway one, not the default).
 *
 * <p>Why: the first request to S3 pays for its handshake on cold code (key exchange, the certificate path's
 * validation, the host name check, signatures, HKDF, AES-GCM): most of the first event after a SnapStart restore
 * (the README gives the figures). Run before the snapshot, the same JDK classes are loaded, linked and compiled in
 * it, and the real handshake after restore runs on them. The client side uses the factories the default context
 * uses (the PKIX trust manager, the HTTPS host name check, TLS 1.3).
 */
final class TlsPriming {

    /** The name the certificate is made for; {@code .invalid} can never resolve (RFC 2606). */
    static final String HOST = "priming.invalid";

    private TlsPriming() {
    }

    /**
     * Runs {@code rounds} handshakes over a new 2048-bit RSA key (as S3's certificates); each sends {@code "ping"} and
     * {@code "pong"}. Returns how many carried {@code "pong"} back.
     */
    static int handshakes(int rounds) throws GeneralSecurityException, SSLException {
        KeyPair pair = rsaKey();
        X509Certificate certificate = selfSigned(pair);
        SSLContext server = server(pair, certificate);
        SSLContext client = client(certificate);
        int done = 0;
        for (int i = 0; i < rounds; i++) {
            done += "pong".equals(handshake(client(client, HOST), server.createSSLEngine())) ? 1 : 0;
        }
        return done;
    }

    /** A new 2048-bit RSA key pair, as S3's certificates have. */
    static KeyPair rsaKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A server context that presents {@code certificate}. */
    static SSLContext server(KeyPair pair, X509Certificate certificate) throws GeneralSecurityException {
        char[] password = "priming".toCharArray();
        KeyStore keys = emptyKeyStore();
        keys.setKeyEntry("priming", pair.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        return server;
    }

    /** A throwaway client context that trusts {@code anchor} alone, through the default (PKIX) trust manager. */
    static SSLContext client(X509Certificate anchor) throws GeneralSecurityException {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trusting(anchor).getTrustManagers(), null);
        return client;
    }

    /** The default (PKIX) trust managers, trusting {@code anchor} alone. */
    static TrustManagerFactory trusting(X509Certificate anchor) throws GeneralSecurityException {
        KeyStore anchors = emptyKeyStore();
        anchors.setCertificateEntry("priming", anchor);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        return trust;
    }

    /** A client engine for {@code host} that checks the host name, as HttpsURLConnection does. */
    static SSLEngine client(SSLContext context, String host) {
        SSLEngine engine = context.createSSLEngine(host, 443);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /** One handshake, then {@code "ping"} to the server and {@code "pong"} back; returns what the client received. */
    static String handshake(SSLEngine client, SSLEngine server) throws SSLException {
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size * 4);
        ByteBuffer toClient = ByteBuffer.allocate(size * 4);
        ByteBuffer clientIn = ByteBuffer.allocate(size * 2);
        ByteBuffer serverIn = ByteBuffer.allocate(size * 2);
        ByteBuffer ping = ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer pong = ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII));
        for (int step = 0; step < 200; step++) {
            step(client, ping, toServer, toClient, clientIn);
            step(server, pong, toClient, toServer, serverIn);
            if (clientIn.position() >= 4 && serverIn.position() >= 4) {
                client.closeOutbound();
                server.closeOutbound();
                return new String(clientIn.array(), 0, clientIn.position(), StandardCharsets.US_ASCII);
            }
        }
        throw new SSLException("the in-memory handshake did not finish");
    }

    /** One turn of an engine: runs its tasks, writes what it has to send, reads what was sent to it. */
    private static void step(SSLEngine engine, ByteBuffer data, ByteBuffer out, ByteBuffer in, ByteBuffer received)
            throws SSLException {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        engine.wrap(data, out);
        in.flip();
        SSLEngineResult result;
        do {
            result = engine.unwrap(in, received);
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        } while (result.getStatus() == SSLEngineResult.Status.OK && in.hasRemaining()
                && result.bytesConsumed() > 0);
        in.compact();
    }

    /**
     * A minimal X.509 v3 certificate for {@link #HOST} and 127.0.0.1 (its only extension, subjectAltName), DER-encoded
     * by hand (the JDK has no API for it), signed with SHA256withRSA.
     */
    static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
        byte[] algorithm = der(0x30, der(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
                0x01, 0x01, 0x0b}), new byte[] {0x05, 0x00});
        byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, new byte[] {0x55, 0x04, 0x03}),
                der(0x0c, HOST.getBytes(StandardCharsets.US_ASCII)))));
        long now = System.currentTimeMillis();
        byte[] validity = der(0x30, utcTime(now - 3_600_000L), utcTime(now + 86_400_000L));
        byte[] tbs = der(0x30,
                der(0xa0, der(0x02, new byte[] {2})),
                der(0x02, BigInteger.valueOf(now).toByteArray()),
                algorithm, name, validity, name,
                pair.getPublic().getEncoded(),
                // subjectAltName: the name, and loopback's address for LoopbackS3's server
                der(0xa3, der(0x30, der(0x30, der(0x06, new byte[] {0x55, 0x1d, 0x11}), der(0x04, der(0x30,
                        der(0x82, HOST.getBytes(StandardCharsets.US_ASCII)), der(0x87, new byte[] {127, 0, 0, 1})))))));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der(0x30, tbs, algorithm, der(0x03, bits))));
    }

    private static byte[] utcTime(long millis) {
        String text = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(millis));
        return der(0x17, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A DER element: tag, definite length, the parts' bytes. */
    static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(tag);
        int length = body.size();
        if (length < 0x80) {
            element.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            element.write(0x80 | (bytes.length - skip));
            element.write(bytes, skip, bytes.length - skip);
        }
        element.writeBytes(body.toByteArray());
        return element.toByteArray();
    }
}
