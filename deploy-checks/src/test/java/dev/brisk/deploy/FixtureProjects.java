package dev.brisk.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A fixture project (src/test/resources/projects/NAME) copied under target/, with the jar its package.artifact names. */
final class FixtureProjects {

    private FixtureProjects() {
    }

    static Path prepare(String name) {
        Path source = Fixtures.resource("projects/" + name);
        Path project = Path.of("target/fixture-projects", name).toAbsolutePath();
        try {
            if (Files.exists(project)) {
                try (Stream<Path> walk = Files.walk(project)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(project.resolve("target"));
            Files.copy(source.resolve("serverless.yml"), project.resolve("serverless.yml"));
            // osls hashes package.artifact for the function version: any small jar will do, it is never run here
            try (OutputStream out = Files.newOutputStream(project.resolve("target/fn.jar"));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write(("fixture " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
