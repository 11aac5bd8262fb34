package ${package};

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large newline-delimited object produced as a stream, never held in memory: valid records, with an invalid one
 * every {@link #BAD_EVERY} lines. Its size, record count and rejected lines are known without producing it.
 */
final class GeneratedObject extends InputStream {

    static final int BAD_EVERY = 100_000;
    private static final byte[] BAD = "{\"id\":\"bad\",\"amount\":-1}\n".getBytes(StandardCharsets.US_ASCII);

    private final long lines;
    private long line;
    private byte[] current = new byte[0];
    private int position;

    GeneratedObject(long lines) {
        this.lines = lines;
    }

    /** A fixed-width valid record: every valid line has the same length, so sizes are computed, not counted. */
    static byte[] record(long n) {
        byte[] line = TEMPLATE.clone();
        digits(line, ID_AT, 12, n);
        digits(line, AMOUNT_AT, 6, 100_000 + n % 900_000); // no leading zero: JSON forbids it
        return line;
    }

    private static final String TEMPLATE_TEXT =
            "{\"id\":\"r-000000000000\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":100000.25,\"currency\":\"EUR\"}\n";
    private static final byte[] TEMPLATE = TEMPLATE_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final int ID_AT = TEMPLATE_TEXT.indexOf("r-") + 2;
    private static final int AMOUNT_AT = TEMPLATE_TEXT.indexOf("100000.25");

    private static void digits(byte[] line, int at, int width, long value) {
        for (int i = at + width - 1; i >= at; i--) {
            line[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static boolean isBad(long lineNumber) {
        return lineNumber % BAD_EVERY == 0;
    }

    static long size(long lines) {
        long bad = lines / BAD_EVERY;
        return bad * BAD.length + (lines - bad) * record(0).length;
    }

    static long validBytes(long lines) {
        return (lines - lines / BAD_EVERY) * record(0).length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /** Fills as much of {@code b} as it can: an HTTP client sends each read as a chunk of its own. */
    @Override
    public int read(byte[] b, int off, int len) {
        int filled = 0;
        while (filled < len) {
            if (position == current.length) {
                if (line == lines) {
                    break;
                }
                line++;
                current = isBad(line) ? BAD : record(line);
                position = 0;
            }
            int n = Math.min(len - filled, current.length - position);
            System.arraycopy(current, position, b, off + filled, n);
            position += n;
            filled += n;
        }
        return filled == 0 && len > 0 ? -1 : filled;
    }
}
