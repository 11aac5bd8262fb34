package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines come out whole whatever the chunking of the stream, and an over-long line is flagged, never held. */
class LineReaderTest {

    @Test
    void readsLinesWithAndWithoutAFinalNewline() throws IOException {
        assertEquals(List.of("a", "bb", "", "ccc"), read("a\nbb\n\nccc\n", 100, 1 << 16));
        assertEquals(List.of("a", "bb"), read("a\nbb", 100, 1 << 16));
        assertEquals(List.of(), read("", 100, 1 << 16));
    }

    @Test
    void readsCrLfAsLf() throws IOException {
        assertEquals(List.of("a", "b"), read("a\r\nb\r\n", 100, 1 << 16));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void linesSpanningReadsComeOutWhole(int bytesPerRead) throws IOException {
        String text = "first line\nsecond, longer line\r\nthird\n";
        assertEquals(List.of("first line", "second, longer line", "third"), read(text, 100, bytesPerRead));
    }

    @Test
    void flagsALineOverTheLimitAndCarriesOn() throws IOException {
        String text = "ok\n" + "x".repeat(300_000) + "\nafter\n" + "y".repeat(11);
        assertEquals(List.of("ok", "<too long>", "after", "<too long>"), read(text, 10, 4096));
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptEvenWithACarriageReturn() throws IOException {
        assertEquals(List.of("0123456789", "<too long>"), read("0123456789\r\n0123456789A\n", 10, 3));
    }

    @Test
    void countsLinesAsAnEditorDoes() throws IOException {
        LineReader reader = new LineReader(stream("a\n\nb\n", 1 << 16), 10);
        List<Long> numbers = new ArrayList<>();
        while (reader.next()) {
            numbers.add(reader.lineNumber());
        }
        assertEquals(List.of(1L, 2L, 3L), numbers);
    }

    @Test
    void blankLinesAreRecognised() throws IOException {
        LineReader reader = new LineReader(stream(" \t\nx\n", 1 << 16), 10);
        assertTrue(reader.next());
        assertTrue(reader.blank());
        assertTrue(reader.next());
        assertFalse(reader.blank());
    }

    @Test
    void aLineOverTheLimitIsNeverBlankEvenIfItIsAllSpaces() throws IOException {
        LineReader reader = new LineReader(stream(" ".repeat(30) + "\n" + "x".repeat(30) + "\n", 7), 10);
        assertTrue(reader.next());
        assertTrue(reader.tooLong());
        assertFalse(reader.blank(), "a rejected line, not a skipped blank one");
        assertEquals(0, reader.length());
        assertTrue(reader.next());
        assertTrue(reader.tooLong());
        assertFalse(reader.blank());
        assertFalse(reader.next());
    }

    @Test
    void aStreamThatReturnsNothingForAWhileIsReadOnUntilItsEnd() throws IOException {
        InputStream stuttering = new InputStream() {
            private final byte[] text = "ab\ncd".getBytes(StandardCharsets.UTF_8);
            private int position;
            private boolean empty;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                empty = !empty;
                if (empty) {
                    return 0; // a read that returns nothing, then the next byte
                }
                if (position == text.length) {
                    return -1;
                }
                b[off] = text[position++];
                return 1;
            }
        };
        LineReader reader = new LineReader(stuttering, 10);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(new String(reader.array(), reader.offset(), reader.length(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("ab", "cd"), lines);
    }

    private static List<String> read(String text, int maxLineBytes, int bytesPerRead) throws IOException {
        LineReader reader = new LineReader(stream(text, bytesPerRead), maxLineBytes);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.tooLong() ? "<too long>"
                    : new String(reader.array(), reader.offset(), reader.length(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** A stream that hands out at most {@code bytesPerRead} bytes per read, as a network does. */
    private static InputStream stream(String text, int bytesPerRead) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, bytesPerRead));
            }
        };
    }
}
