package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

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
