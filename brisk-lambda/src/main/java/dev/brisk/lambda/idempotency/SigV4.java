package dev.brisk.lambda.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request with no query string, such as every DynamoDB call (a POST to "/"):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html. Every header passed
 * in is signed. Checked against the AWS SDK's own signer in SigV4Test.
 */
final class SigV4 {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SigV4() {
    }

    /**
     * The headers to send: those given, plus X-Amz-Date, X-Amz-Security-Token (with a session token) and
     * Authorization. {@code host} must be among the headers, exactly as the HTTP client will send it.
     *
     * @param epochSecond the signing time, seconds since the epoch (UTC)
     */
    static Map<String, String> sign(String method, String path, Map<String, String> headers, byte[] body,
                                    Credentials credentials, String region, String service, long epochSecond) {
        LocalDateTime at = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        String date = pad(at.getYear(), 4) + pad(at.getMonthValue(), 2) + pad(at.getDayOfMonth(), 2);
        String amzDate = date + 'T' + pad(at.getHour(), 2) + pad(at.getMinute(), 2) + pad(at.getSecond(), 2) + 'Z';

        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim()));
        signed.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            signed.put("x-amz-security-token", credentials.sessionToken());
        }
        StringBuilder canonical = new StringBuilder(method).append('\n')
                .append(path.isEmpty() ? "/" : path).append("\n\n");
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(body)));

        String scope = date + '/' + region + '/' + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n'
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        Mac mac = hmacSha256();
        byte[] key = hmac(mac, ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(mac, key, region);
        key = hmac(mac, key, service);
        key = hmac(mac, key, "aws4_request");
        String signature = hex(hmac(mac, key, toSign));

        signed.put("authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return signed;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private static Mac hmacSha256() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no HmacSHA256", e);
        }
    }

    /** One Mac, looked up once per signature, re-keyed for each step of the key derivation. */
    private static byte[] hmac(Mac mac, byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private static String pad(int value, int width) {
        String text = Integer.toString(value);
        return "0".repeat(Math.max(0, width - text.length())) + text;
    }
}
