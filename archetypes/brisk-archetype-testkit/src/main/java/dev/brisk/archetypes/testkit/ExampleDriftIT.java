package dev.brisk.archetypes.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * serverless-examples/&lt;example&gt; must be exactly what the archetype generates with default properties
 * (scenario it-defaults). -Dbrisk.updateExamples=true rewrites the example instead of failing.
 */
class ExampleDriftIT {

    /** Build output and tool state, never part of an example. */
    private static final List<String> IGNORED = List.of("target", "node_modules", ".serverless", "build.log");

    @Test
    void committedExampleMatchesFreshGeneration() throws IOException {
        String exampleDir = System.getProperty("brisk.example.dir", "");
        assertTrue(!exampleDir.isEmpty() && !exampleDir.endsWith("/none"),
                "set <brisk.example> in the archetype's pom to its folder under serverless-examples/");
        Path example = Path.of(exampleDir);
        Path generated = GeneratedProjects.scenario("it-defaults");

        if (Boolean.getBoolean("brisk.updateExamples")) {
            replace(example, generated);
        }

        Map<String, byte[]> expected = files(generated);
        Map<String, byte[]> actual = Files.isDirectory(example) ? files(example) : Map.of();
        List<String> drift = new ArrayList<>();
        for (var e : expected.entrySet()) {
            byte[] committed = actual.get(e.getKey());
            if (committed == null) {
                drift.add("missing in example: " + e.getKey());
            } else if (!Arrays.equals(committed, e.getValue())) {
                drift.add("differs: " + e.getKey());
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> drift.add("not generated: " + k));
        assertEquals(List.of(), drift, example + " drifted from the archetype; regenerate it with "
                + "./mvnw -B verify -Dbrisk.updateExamples=true (then review and commit)");
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = root.relativize(p);
                if (Files.isRegularFile(p) && !ignored(rel)) {
                    files.put(rel.toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static boolean ignored(Path rel) {
        for (Path part : rel) {
            if (IGNORED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static void replace(Path example, Path generated) throws IOException {
        if (Files.isDirectory(example)) {
            try (Stream<Path> walk = Files.walk(example)) {
                for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var e : files(generated).entrySet()) {
            Path target = example.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
            if (Files.isExecutable(generated.resolve(e.getKey()))) {
                target.toFile().setExecutable(true);
            }
        }
        System.out.println("[brisk] rewrote " + example + " from " + generated);
    }
}
