package ${package};

import java.io.IOException;
import java.io.InputStream;

/**
 * Newline-delimited lines from a stream in memory bounded by the longest accepted line, whatever the stream's size.
 * A line longer than the limit is flagged and skipped to its end, never held. {@code \r\n} is read as {@code \n}.
 */
final class LineReader {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    /** Holds a line that spans two chunks; lines inside one chunk are read in place. */
    private final byte[] carry;
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;

    private byte[] lineArray;
    private int lineOffset;
    private int lineLength;
    private boolean tooLong;
    private long lineNumber;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.carry = new byte[maxLineBytes + 1];
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int carried = 0;
        tooLong = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                if (eof || !fill()) {
                    if (carried == 0 && !tooLong) {
                        return false; // nothing after the last newline
                    }
                    return line(carry, 0, carried);
                }
            }
            int newline = indexOf(chunk, chunkPos, chunkEnd);
            int end = newline < 0 ? chunkEnd : newline;
            int length = end - chunkPos;
            if (newline >= 0 && carried == 0 && !tooLong) {
                int start = chunkPos;
                chunkPos = newline + 1;
                return line(chunk, start, length);
            }
            if (!tooLong) {
                if (carried + length > maxLineBytes + 1) {
                    tooLong = true;
                } else {
                    System.arraycopy(chunk, chunkPos, carry, carried, length);
                    carried += length;
                }
            }
            if (newline >= 0) {
                chunkPos = newline + 1;
                return line(carry, 0, carried);
            }
            chunkPos = chunkEnd;
        }
    }

    private boolean line(byte[] array, int offset, int length) {
        lineNumber++;
        if (length > 0 && array[offset + length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            tooLong = true;
        }
        lineArray = array;
        lineOffset = offset;
        lineLength = tooLong ? 0 : length;
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk, 0, CHUNK);
        while (n == 0) {
            n = in.read(chunk, 0, CHUNK);
        }
        if (n < 0) {
            eof = true;
            chunkPos = chunkEnd = 0;
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** 1-based number of the current line, as an editor counts it. */
    long lineNumber() {
        return lineNumber;
    }

    /** The current line is over the limit: its content is not available. */
    boolean tooLong() {
        return tooLong;
    }

    boolean blank() {
        for (int i = lineOffset; i < lineOffset + lineLength; i++) {
            byte b = lineArray[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return !tooLong;
    }

    byte[] array() {
        return lineArray;
    }

    int offset() {
        return lineOffset;
    }

    int length() {
        return lineLength;
    }
}
