package ${package};

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of serverless.yml the tests hold the code and the settings to. */
record ServerlessConfig(String text) {

    static ServerlessConfig read() {
        try {
            return new ServerlessConfig(Files.readString(Path.of("serverless.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int timeout() {
        return number("timeout");
    }

    int visibilityTimeout() {
        return number("VisibilityTimeout");
    }

    int maxReceiveCount() {
        return number("maxReceiveCount");
    }

    int batchSize() {
        return number("batchSize");
    }

    /** 0 when absent (FIFO queues have none). */
    int maximumBatchingWindow() {
        return text.contains("maximumBatchingWindow:") ? number("maximumBatchingWindow") : 0;
    }

    /** The single whole-number value of {@code key}, wherever it sits. */
    int number(String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*'?(\\d+)'?\\s*$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("serverless.yml has no whole-number " + key);
        }
        int value = Integer.parseInt(m.group(1));
        if (m.find()) {
            throw new IllegalStateException("serverless.yml sets " + key + " more than once");
        }
        return value;
    }

    /** The single string value of {@code key}. */
    String value(String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*(\\S.*?)\\s*$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("serverless.yml has no " + key);
        }
        return m.group(1);
    }
}
