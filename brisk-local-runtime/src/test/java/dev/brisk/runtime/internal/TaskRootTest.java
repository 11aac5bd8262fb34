package dev.brisk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRootTest {

    @TempDir
    Path dir;

    @Test
    void unzip_laysTheJarOutAsATaskRoot_replacingWhatWasThere() throws IOException {
        Path jar = jar("a/B.class", "lib/dep.jar", "app.properties");
        Path root = dir.resolve("task");
        Files.createDirectories(root);
        Files.writeString(root.resolve("stale.txt"), "old");

        TaskRoot.unzip(jar, root);

        assertTrue(Files.isRegularFile(root.resolve("a/B.class")));
        assertTrue(Files.isRegularFile(root.resolve("lib/dep.jar")));
        assertEquals("app.properties", Files.readString(root.resolve("app.properties")));
        assertFalse(Files.exists(root.resolve("stale.txt")));
    }

    @Test
    void unzip_refusesEntriesOutsideTheTaskRoot() throws IOException {
        Path jar = jar("../evil.txt");

        assertThrows(IOException.class, () -> TaskRoot.unzip(jar, dir.resolve("task")));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test
    void unzip_saysWhenThereIsNoJar() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskRoot.unzip(dir.resolve("missing.jar"), dir.resolve("task")));

        assertTrue(e.getMessage().contains("mvn package"), e.getMessage());
    }

    @Test
    void floor_isTheEmptyHandlerAlone() throws IOException {
        String handler = TaskRoot.floor(dir.resolve("floor"));

        assertEquals("dev.brisk.runtime.internal.FloorHandler::handleRequest", handler);
        assertTrue(Files.isRegularFile(dir.resolve("floor/dev/brisk/runtime/internal/FloorHandler.class")));
        try (var files = Files.walk(dir.resolve("floor"))) {
            assertEquals(1, files.filter(Files::isRegularFile).count());
        }
    }

    private Path jar(String... entries) throws IOException {
        Path jar = dir.resolve("f.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : entries) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
