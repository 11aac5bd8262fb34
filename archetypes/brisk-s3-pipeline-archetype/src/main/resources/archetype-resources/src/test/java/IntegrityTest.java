package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The checks Integrity makes itself, on responses as the SDK hands them over: CRC-64/NVME (S3's default checksum for
 * new objects, which the SDK does not validate without the CRT library) and the byte counts.
 */
class IntegrityTest {

    private static final byte[] OBJECT = "{\"id\":\"a-1\",\"amount\":1.5}\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anIntactObjectCarryingCrc64NvmeIsProvenByIt() throws IOException {
        Integrity integrity = Integrity.of(crc64Response(OBJECT, OBJECT.length), OBJECT.length);

        read(integrity, OBJECT);
        integrity.verify();

        assertEquals("crc64nvme", integrity.method());
        assertEquals(OBJECT.length, integrity.bytes());
    }

    @Test
    void aCorruptedObjectCarryingCrc64NvmeFailsItsCheck() throws IOException {
        byte[] corrupted = OBJECT.clone();
        corrupted[5] ^= 0x01; // same length: only the checksum can tell
        Integrity integrity = Integrity.of(crc64Response(OBJECT, OBJECT.length), OBJECT.length);

        read(integrity, corrupted);
        Integrity.IntegrityException e = assertThrows(Integrity.IntegrityException.class, integrity::verify);

        assertTrue(e.getMessage().startsWith("CRC-64/NVME "), e.getMessage());
        assertTrue(e.getMessage().endsWith("does not match S3's " + crc64(OBJECT)), e.getMessage());
    }

    @Test
    void fewerBytesThanS3AnnouncedFailEvenWhenTheEventSaysNothing() throws IOException {
        GetObjectResponse response = GetObjectResponse.builder().contentLength((long) OBJECT.length).build();
        Integrity integrity = Integrity.of(response, -1);

        read(integrity, Arrays.copyOf(OBJECT, OBJECT.length - 1));
        Integrity.IntegrityException e = assertThrows(Integrity.IntegrityException.class, integrity::verify);

        assertEquals("read " + (OBJECT.length - 1) + " bytes, S3 announced " + OBJECT.length, e.getMessage());
        assertEquals("size", integrity.method());
    }

    @Test
    void aCompositeOrMultipartCrc64IsNotTakenForAFullObjectOne() throws IOException {
        GetObjectResponse response = GetObjectResponse.builder().contentLength((long) OBJECT.length)
                .checksumCRC64NVME(crc64(OBJECT) + "-2").build();
        Integrity integrity = Integrity.of(response, OBJECT.length);

        read(integrity, OBJECT);
        integrity.verify();

        assertEquals("size", integrity.method());
    }

    @Test
    void aCompositeChecksumIsNotTakenForAFullObjectOneEvenWithoutAPartCount() throws IOException {
        GetObjectResponse response = GetObjectResponse.builder().contentLength((long) OBJECT.length)
                .checksumType(ChecksumType.COMPOSITE).checksumCRC64NVME(crc64(OBJECT)).checksumCRC32("AAAAAA==")
                .eTag("\"" + "0".repeat(32) + "-3\"").build();
        Integrity integrity = Integrity.of(response, OBJECT.length);

        read(integrity, OBJECT);
        integrity.verify();

        assertEquals("size", integrity.method());
    }

    @Test
    void aFullObjectCrc32IsLeftToTheSdkAndNamed() {
        GetObjectResponse response = GetObjectResponse.builder().contentLength((long) OBJECT.length)
                .checksumType(ChecksumType.FULL_OBJECT).checksumCRC32("AAAAAA==").checksumCRC64NVME(crc64(OBJECT))
                .build();
        assertEquals("crc32", Integrity.of(response, OBJECT.length).method());
        assertEquals("sha256", Integrity.of(GetObjectResponse.builder().checksumSHA256("x").checksumSHA1("y").build(), 1)
                .method());
    }

    @Test
    void aCorruptedObjectReadByteByByteFailsItsCrc64NvmeCheck() throws IOException {
        byte[] object = new byte[300];
        for (int i = 0; i < object.length; i++) {
            object[i] = (byte) i; // bytes above 0x7F too: read() must return them as 128..255, not as -1
        }
        Integrity intact = Integrity.of(crc64Response(object, object.length), object.length);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (InputStream in = intact.wrap(new ByteArrayInputStream(object))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                copy.write(b);
            }
        }
        intact.verify();
        assertArrayEquals(object, copy.toByteArray());
        assertEquals(object.length, intact.bytes());

        byte[] corrupted = object.clone();
        corrupted[200] ^= 0x10;
        Integrity damaged = Integrity.of(crc64Response(object, object.length), object.length);
        try (InputStream in = damaged.wrap(new ByteArrayInputStream(corrupted))) {
            while (in.read() >= 0) {
                // byte by byte
            }
        }
        assertThrows(Integrity.IntegrityException.class, damaged::verify);
    }

    @Test
    void bytesWhereS3AnnouncedAnEmptyObjectFail() throws IOException {
        Integrity integrity = Integrity.of(GetObjectResponse.builder().contentLength(0L).build(), -1);

        read(integrity, OBJECT);
        Integrity.IntegrityException e = assertThrows(Integrity.IntegrityException.class, integrity::verify);

        assertEquals("read " + OBJECT.length + " bytes, S3 announced 0", e.getMessage());
    }

    @Test
    void bytesWhereTheEventAnnouncedAnEmptyObjectFail() throws IOException {
        Integrity integrity = Integrity.of(GetObjectResponse.builder().build(), 0);

        read(integrity, OBJECT);
        Integrity.IntegrityException e = assertThrows(Integrity.IntegrityException.class, integrity::verify);

        assertEquals("read " + OBJECT.length + " bytes, the event announced 0", e.getMessage());
    }

    @Test
    void anEtagIsAnMd5OnlyForSseS3OrNoEncryptionAndNoCustomerKey() throws IOException {
        String md5 = "\"" + HexFormat.of().formatHex(md5(OBJECT)) + "\"";
        assertEquals("md5-etag", Integrity.of(GetObjectResponse.builder().eTag(md5).build(), -1).method());
        assertEquals("md5-etag", Integrity.of(GetObjectResponse.builder().eTag(md5.toUpperCase(java.util.Locale.ROOT))
                .serverSideEncryption(ServerSideEncryption.AES256).build(), -1).method());
        assertEquals("size", Integrity.of(GetObjectResponse.builder().eTag(md5)
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).build(), -1).method());
        assertEquals("size", Integrity.of(GetObjectResponse.builder().eTag(md5).sseCustomerAlgorithm("AES256").build(), -1)
                .method());

        Integrity upper = Integrity.of(GetObjectResponse.builder().eTag(md5.toUpperCase(java.util.Locale.ROOT)).build(), -1);
        read(upper, OBJECT);
        upper.verify(); // S3 writes ETags in lower case; either case is the same MD5
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GetObjectResponse crc64Response(byte[] object, long length) {
        return GetObjectResponse.builder().contentLength(length).checksumCRC64NVME(crc64(object)).build();
    }

    /** S3's header value: the CRC's eight bytes, big-endian, in Base64. */
    private static String crc64(byte[] object) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(object, 0, object.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    private static void read(Integrity integrity, byte[] bytes) throws IOException {
        try (InputStream in = integrity.wrap(new ByteArrayInputStream(bytes))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
