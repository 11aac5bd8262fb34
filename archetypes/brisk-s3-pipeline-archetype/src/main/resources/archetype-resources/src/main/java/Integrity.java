package ${package};

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.Checksum;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Proves that what was read is the object S3 holds, as strongly as the object allows:
 * <ol>
 *   <li>a full-object CRC32, CRC32C, SHA-1 or SHA-256: the SDK checks it while streaming (checksum mode on);</li>
 *   <li>a full-object CRC-64/NVME (S3's default since 2024): checked here, see {@link Crc64Nvme};</li>
 *   <li>no usable checksum, a single-part upload with SSE-S3 or no encryption: its ETag is the MD5 of the bytes;</li>
 *   <li>otherwise (multipart ETag, SSE-KMS, composite checksums): the byte count only.</li>
 * </ol>
 * The byte count is always checked against the response's Content-Length and the event's size.
 */
final class Integrity {

    private static final Pattern MD5_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}\"?");

    private final String method;
    private final long expectedBytes;
    private final long eventSize;
    private final MessageDigest md5;
    private final String expectedMd5;
    private final Checksum crc64;
    private final String expectedCrc64;
    private long bytes;

    private Integrity(String method, long expectedBytes, long eventSize, MessageDigest md5, String expectedMd5,
                      Checksum crc64, String expectedCrc64) {
        this.method = method;
        this.expectedBytes = expectedBytes;
        this.eventSize = eventSize;
        this.md5 = md5;
        this.expectedMd5 = expectedMd5;
        this.crc64 = crc64;
        this.expectedCrc64 = expectedCrc64;
    }

    static Integrity of(GetObjectResponse response, long eventSize) {
        long length = response.contentLength() == null ? -1 : response.contentLength();
        boolean composite = response.checksumType() == ChecksumType.COMPOSITE;
        String sdkChecked = firstFullObject(composite, response.checksumCRC32(), "crc32", response.checksumCRC32C(),
                "crc32c", response.checksumSHA256(), "sha256", response.checksumSHA1(), "sha1");
        if (sdkChecked != null) {
            return new Integrity(sdkChecked, length, eventSize, null, null, null, null);
        }
        String crc64 = response.checksumCRC64NVME();
        if (crc64 != null && !composite && !crc64.contains("-")) {
            return new Integrity("crc64nvme", length, eventSize, null, null, new Crc64Nvme(), crc64);
        }
        String etag = response.eTag();
        ServerSideEncryption sse = response.serverSideEncryption();
        boolean etagIsMd5 = etag != null && MD5_ETAG.matcher(etag).matches() && response.sseCustomerAlgorithm() == null
                && (sse == null || sse == ServerSideEncryption.AES256);
        if (etagIsMd5) {
            return new Integrity("md5-etag", length, eventSize, newMd5(), etag.replace("\"", "").toLowerCase(Locale.ROOT),
                    null, null);
        }
        return new Integrity("size", length, eventSize, null, null, null, null);
    }

    /** The first checksum that is present and covers the whole object; its name, or null. */
    private static String firstFullObject(boolean composite, String... valueAndName) {
        for (int i = 0; i < valueAndName.length; i += 2) {
            if (valueAndName[i] != null && !composite && !valueAndName[i].contains("-")) {
                return valueAndName[i + 1];
            }
        }
        return null;
    }

    /** How this read is checked: crc32, crc32c, sha256, sha1, crc64nvme, md5-etag or size. */
    String method() {
        return method;
    }

    /** The object's bytes, counted and digested on their way to the reader. */
    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytes += n;
                    if (md5 != null) {
                        md5.update(b, off, n);
                    }
                    if (crc64 != null) {
                        crc64.update(b, off, n);
                    }
                }
                return n;
            }
        };
    }

    long bytes() {
        return bytes;
    }

    /** Once the stream is exhausted: throws {@link IntegrityException} when what was read is not the object. */
    void verify() {
        if (expectedBytes >= 0 && bytes != expectedBytes) {
            throw new IntegrityException("read " + bytes + " bytes, S3 announced " + expectedBytes);
        }
        if (eventSize >= 0 && bytes != eventSize) {
            throw new IntegrityException("read " + bytes + " bytes, the event announced " + eventSize);
        }
        if (md5 != null) {
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equals(expectedMd5)) {
                throw new IntegrityException("MD5 " + actual + " does not match the ETag " + expectedMd5);
            }
        }
        if (crc64 != null) {
            String actual = Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc64.getValue()).array());
            if (!actual.equals(expectedCrc64)) {
                throw new IntegrityException("CRC-64/NVME " + actual + " does not match S3's " + expectedCrc64);
            }
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** What was read is not the object: re-read, then fail. */
    static final class IntegrityException extends RuntimeException {
        IntegrityException(String message) {
            super(message);
        }
    }
}
