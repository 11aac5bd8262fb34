package dev.brisk.archetypes.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The projects that archetype:integration-test generated, as laid out under target/test-classes/projects. */
final class GeneratedProjects {

    private GeneratedProjects() {
    }

    static Path projectsDir() {
        String dir = System.getProperty("brisk.projects");
        if (dir == null) {
            throw new IllegalStateException("brisk.projects is not set: run through the brisk-archetypes build");
        }
        return Path.of(dir);
    }

    /** it-&lt;scenario&gt;/project/&lt;artifactId&gt; for every scenario. */
    static List<Path> all() {
        Path projects = projectsDir();
        try (Stream<Path> scenarios = Files.list(projects)) {
            List<Path> found = scenarios
                    .filter(p -> p.getFileName().toString().startsWith("it-"))
                    .sorted()
                    .map(GeneratedProjects::generatedIn)
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no it-* projects under " + projects);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path scenario(String name) {
        return generatedIn(projectsDir().resolve(name));
    }

    private static Path generatedIn(Path scenario) {
        Path project = scenario.resolve("project");
        try (Stream<Path> children = Files.list(project)) {
            List<Path> dirs = children.filter(Files::isDirectory).toList();
            if (dirs.size() != 1) {
                throw new IllegalStateException("expected one generated project in " + project + ", found " + dirs);
            }
            return dirs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no generated project in " + scenario, e);
        }
    }
}
