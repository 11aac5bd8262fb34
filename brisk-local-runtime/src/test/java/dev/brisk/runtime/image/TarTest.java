package dev.brisk.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {

    @TempDir
    Path dir;

    @Test
    void extractsFilesLinksAndLongNamesWithTheirModeAndTime() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/opt/java/bin"));
        Files.writeString(src.resolve("java"), "#!/bin/sh\n");
        src.resolve("java").toFile().setExecutable(true);
        Files.setLastModifiedTime(src.resolve("java"), java.nio.file.attribute.FileTime.fromMillis(1000));
        String longName = "a".repeat(120) + ".jar";
        Files.writeString(src.resolve(longName), "jar");
        Files.createSymbolicLink(dir.resolve("src/opt/current"), Path.of("java"));
        Path layer = ImageTarballs.tar(dir.resolve("src"), dir.resolve("layer.tar"));

        List<String> names;
        try (InputStream in = Files.newInputStream(layer)) {
            names = Tar.extract(in, dir.resolve("out"));
        }

        Path java = dir.resolve("out/opt/java/bin/java");
        assertEquals("#!/bin/sh\n", Files.readString(java));
        assertTrue(Files.isExecutable(java));
        assertEquals(1000, Files.getLastModifiedTime(java).toMillis());
        assertEquals("jar", Files.readString(dir.resolve("out/opt/java/bin/" + longName)));
        assertEquals(Path.of("java"), Files.readSymbolicLink(dir.resolve("out/opt/current")));
        assertTrue(names.stream().anyMatch(n -> n.endsWith(longName)), names.toString());
    }

    @Test
    void readsGzipLayersAndAppliesWhiteoutsOfAnUpperLayer() throws Exception {
        Files.createDirectories(dir.resolve("lower/var/task"));
        Files.writeString(dir.resolve("lower/var/task/old.jar"), "old");
        Files.writeString(dir.resolve("lower/var/task/kept.jar"), "kept");
        Files.createDirectories(dir.resolve("upper/var/task"));
        Files.writeString(dir.resolve("upper/var/task/.wh.old.jar"), "");
        Path lower = ImageTarballs.tar(dir.resolve("lower"), dir.resolve("lower.tar"));
        Path upper = ImageTarballs.tar(dir.resolve("upper"), dir.resolve("upper.tar"));
        Path gz = dir.resolve("upper.tar.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(upper));
        }

        try (InputStream a = Files.newInputStream(lower); InputStream b = Files.newInputStream(gz)) {
            Tar.extract(a, dir.resolve("root"));
            Tar.extract(b, dir.resolve("root"));
        }

        assertFalse(Files.exists(dir.resolve("root/var/task/old.jar")), "whited out");
        assertFalse(Files.exists(dir.resolve("root/var/task/.wh.old.jar")));
        assertEquals("kept", Files.readString(dir.resolve("root/var/task/kept.jar")));
    }

    @Test
    void refusesAnEntryThatWouldLandOutsideTheRoot() throws IOException {
        byte[] header = new byte[1024];
        byte[] name = "../evil".getBytes();
        System.arraycopy(name, 0, header, 0, name.length);
        System.arraycopy("0000644\0".getBytes(), 0, header, 100, 8);
        System.arraycopy("00000000000\0".getBytes(), 0, header, 124, 12);
        System.arraycopy("00000000000\0".getBytes(), 0, header, 136, 12);
        header[156] = '0';

        ImageException e = assertThrows(ImageException.class,
                () -> Tar.extract(new ByteArrayInputStream(header), dir.resolve("root")));
        assertTrue(e.getMessage().contains("../evil"), e.getMessage());
    }
}
