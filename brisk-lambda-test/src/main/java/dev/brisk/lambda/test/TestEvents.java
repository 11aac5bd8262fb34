package dev.brisk.lambda.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real event JSON from the test class path ({@code src/test/resources/events/<name>}), as Lambda hands it to a stream
 * handler. aws-lambda-java-tests' EventLoader reads events into the events library's typed classes; Brisk's handlers
 * take the raw stream, so their tests want the text itself.
 */
public final class TestEvents {

    private TestEvents() {
    }

    /** The event {@code events/<name>} as text; a clear error naming the folder when there is none. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The event {@code events/<name>} as bytes. */
    public static byte[] bytes(String name) {
        String resource = "events/" + name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : TestEvents.class.getClassLoader()).getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test event " + name + ": put it in src/test/resources/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the test event " + name, e);
        }
    }
}
