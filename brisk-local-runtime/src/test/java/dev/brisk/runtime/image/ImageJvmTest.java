package dev.brisk.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.internal.LambdaJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageJvmTest {

    @TempDir
    Path dir;

    @Test
    void takesLambdasFlagsWithTheMemoryAsAShare() {
        List<String> flags = ImageJvm.flags(25);

        assertEquals("-XX:MaxRAMPercentage=85", flags.get(0));
        for (String flag : LambdaJvm.flags(512, 25)) {
            boolean sized = flag.startsWith("-XX:Max") || flag.startsWith("-XX:Reserved") || flag.equals("-Xshare:auto");
            assertEquals(!sized, flags.contains(flag), flag);
        }
        assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"));
    }

    @Test
    void java21HasNoNativeAccessFlag() {
        assertFalse(ImageJvm.flags(21).contains("--enable-native-access=ALL-UNNAMED"));
        assertTrue(ImageJvm.flags(21).contains("-XX:+UseSerialGC"));
    }

    @Test
    void theArgumentFileHoldsTheFlagsAndNoCacheYet() throws Exception {
        Path args = ImageFiles.writeJvmArgs(dir.resolve("task"), 25, "no AOT cache (not trained yet)");

        List<String> lines = Files.readAllLines(args);
        assertTrue(lines.containsAll(ImageJvm.flags(25)), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("-XX:AOTCache")));
        assertEquals("jvm.args", args.getFileName().toString());
    }

    @Test
    void runtimeJarsLoseTheirVersionsAndMustCoverTheClassPath() throws Exception {
        assertEquals("aws-lambda-java-core.jar", ImageFiles.withoutVersion("aws-lambda-java-core-1.4.0.jar"));
        assertEquals("aws-lambda-java-runtime-interface-client.jar",
                ImageFiles.withoutVersion("aws-lambda-java-runtime-interface-client-2.8.3.jar"));
        assertEquals("utils-lite.jar", ImageFiles.withoutVersion("utils-lite-2.31.0-SNAPSHOT.jar"));
        Path jar = Files.writeString(dir.resolve("annotations-2.31.0.jar"), "a");

        assertEquals(List.of("annotations.jar"), ImageFiles.copyRuntime(List.of(jar), dir.resolve("lib"), "/var/runtime/lib",
                List.of("/var/runtime/lib/annotations.jar", "/var/task/fn.jar")));
        ImageException e = org.junit.jupiter.api.Assertions.assertThrows(ImageException.class,
                () -> ImageFiles.copyRuntime(List.of(jar), dir.resolve("lib"), "/var/runtime/lib",
                        List.of("/var/runtime/lib/ric.jar")));
        assertTrue(e.getMessage().contains("/var/runtime/lib/ric.jar"), e.getMessage());
    }
}
