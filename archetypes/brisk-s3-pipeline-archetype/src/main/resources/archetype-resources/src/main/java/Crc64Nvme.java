package ${package};

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 gives every new object uploaded without one of its own. The SDK checks it only
 * with the AWS CRT native library on the classpath; this table-driven version keeps that library out of the jar.
 */
final class Crc64Nvme implements Checksum {

    private static final long POLY = 0x9A6C9329AC4BC9B5L; // 0xAD93D23594C93659 reflected
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private long crc = ~0L;

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(int) ((c ^ bytes[i]) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = ~0L;
    }
}
