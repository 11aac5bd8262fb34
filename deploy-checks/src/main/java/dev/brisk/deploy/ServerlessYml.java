package dev.brisk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * serverless.yml as written, before the framework resolves anything: the source of what a template must say, so a
 * check never compares osls' output with osls' own reading of the same file.
 */
public final class ServerlessYml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final JsonNode root;

    private ServerlessYml(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    public static ServerlessYml read(Path file) {
        try {
            return new ServerlessYml(file, YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The function keys under {@code functions:}, in order. */
    public List<String> functions() {
        List<String> keys = new ArrayList<>();
        root.path("functions").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * Each function's {@code snapStart:}: a literal true or false (absent means false, the framework's default). A
     * variable is refused: the expectation must be readable without resolving anything.
     */
    public Map<String, Boolean> snapStart() {
        Map<String, Boolean> snap = new LinkedHashMap<>();
        root.path("functions").fields().forEachRemaining(f -> {
            JsonNode value = f.getValue().path("snapStart");
            if (value.isMissingNode() || value.isNull()) {
                snap.put(f.getKey(), false);
            } else if (value.isBoolean()) {
                snap.put(f.getKey(), value.asBoolean());
            } else {
                throw new IllegalStateException(file + ": functions." + f.getKey() + ".snapStart must be a literal true"
                        + " or false, not " + value);
            }
        });
        return snap;
    }
}
