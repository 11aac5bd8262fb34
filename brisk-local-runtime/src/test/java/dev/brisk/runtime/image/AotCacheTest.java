package dev.brisk.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What training decides before it runs anything; the training itself runs in the archetype's ImageIT builds. */
class AotCacheTest {

    @TempDir
    Path dir;

    private AotCache.Training training(int javaVersion) {
        return new AotCache.Training(dir.resolve("no-base.tar"), dir.resolve("fn.jar"), "/var/task/classpath/fn.jar",
                dir.resolve("work"), dir.resolve("task"), javaVersion, 512, List.of("{}"));
    }

    @Test
    void java21IsRefusedWithWhatToSet() throws Exception {
        ImageFiles.writeJvmArgs(dir.resolve("task"), 21, "no AOT cache (not trained yet)");

        ImageException e = assertThrows(ImageException.class, () -> AotCache.train(training(21), true, line -> { }));

        assertTrue(e.getMessage().contains("Java 21 has no AOT cache"), e.getMessage());
        assertTrue(e.getMessage().contains("brisk.image.aotCache=false"), e.getMessage());
    }

    @Test
    void offLeavesTheImageWithoutACacheAndSaysWhyInTheArgumentFile() throws Exception {
        Path args = ImageFiles.writeJvmArgs(dir.resolve("task"), 21, "no AOT cache (not trained yet)");
        List<String> log = new ArrayList<>();

        assertEquals(AotCache.Outcome.OFF, AotCache.train(training(21), false, log::add));

        assertTrue(Files.readString(args).contains("# no AOT cache: brisk.image.aotCache=false"));
        assertFalse(Files.readString(args).contains("-XX:AOTCache"));
        assertFalse(Files.exists(AotCache.fingerprintFile(dir.resolve("task"))));
        assertTrue(log.get(0).contains("ships without one"), log.toString());
    }
}
