package dev.brisk.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaImageTest {

    private static final String CONFIG = """
            {"architecture":"arm64","os":"linux","config":{
              "Env":["PATH=/opt/java/openjdk/bin:/usr/bin","LAMBDA_TASK_ROOT=/var/task"],
              "Entrypoint":["/opt/java/openjdk/bin/java","@/var/task/jvm.args","-cp",
                            "/var/runtime/lib/ric.jar:/var/task/classpath/fn.jar",
                            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"],
              "Cmd":["com.example.Handler"],"WorkingDir":"/var/task"},
             "rootfs":{"type":"layers","diff_ids":[DIFF_IDS]},
             "history":[{"created_by":"base"},{"created_by":"ENV X=1","empty_layer":true},
                        {"created_by":"jib-maven-plugin:3.5.2","author":"Jib"}]}
            """;

    @TempDir
    Path dir;
    private Path tarball;

    @BeforeEach
    void assembleAnImageOfTwoLayers() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base/opt/java/openjdk/lib/server"));
        Files.writeString(dir.resolve("base/opt/java/openjdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
        Files.writeString(base.resolve("libjvm.so"), "jvm");
        Files.writeString(dir.resolve("base/opt/java/openjdk/lib/modules"), "modules");
        Path task = Files.createDirectories(dir.resolve("app/var/task/classpath"));
        Files.createDirectories(dir.resolve("app/var/runtime/lib"));
        Files.writeString(dir.resolve("app/var/runtime/lib/ric.jar"), "ric");
        Files.writeString(task.resolve("fn.jar"), "fn");
        Files.writeString(dir.resolve("app/var/task/jvm.args"), "# flags\n-XX:+UseSerialGC\n-XX:AOTCache=/var/task/app.aot\n");
        Files.writeString(dir.resolve("app/var/task/app.aot"), "cache");
        tarball = ImageTarballs.image(dir.resolve("image"), CONFIG, dir.resolve("base"), dir.resolve("app"));
    }

    @Test
    void readsTheConfigAsLambdaDoes() throws Exception {
        LambdaImage image = LambdaImage.unpack(tarball, dir.resolve("unpacked"));

        assertEquals("arm64", image.architecture());
        assertEquals("linux", image.os());
        assertEquals(List.of("com.example.Handler"), image.command());
        assertEquals("/var/task", image.workingDir());
        assertEquals("/var/task", image.environment().get("LAMBDA_TASK_ROOT"));
        assertEquals(List.of("/var/runtime/lib/ric.jar", "/var/task/classpath/fn.jar"), image.classPath());
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:AOTCache=/var/task/app.aot"), image.argsFileFlags());
        assertTrue(image.hasAotCache());
        assertEquals("25.0.1", image.javaVersion());
        assertEquals(2, image.layers().size());
        assertEquals(List.of("base", "jib-maven-plugin:3.5.2"),
                image.layers().stream().map(LambdaImage.Layer::createdBy).toList(), "empty layers have no blob");
        assertTrue(image.layers().get(1).paths().stream().anyMatch(p -> p.endsWith("var/task/classpath/fn.jar")));
        assertEquals("fn", Files.readString(image.inRoot("/var/task/classpath/fn.jar")));
    }

    @Test
    void theFingerprintChangesWithAnyByteOfTheClassPathOrTheJvm() throws Exception {
        LambdaImage image = LambdaImage.unpack(tarball, dir.resolve("unpacked"));
        String before = image.fingerprint();

        Files.writeString(image.inRoot("/var/task/classpath/fn.jar"), "fm");
        String jarChanged = image.fingerprint();
        Files.writeString(image.inRoot("/var/task/classpath/fn.jar"), "fn");
        Files.writeString(image.inRoot("/opt/java/openjdk/lib/server/libjvm.so"), "jvn");

        assertNotEquals(before, jarChanged);
        assertNotEquals(before, image.fingerprint());
        assertTrue(before.contains("jvm 25.0.1"), before);
    }

    @Test
    void readsTheJvmsArchitectureFromItsElfHeader() throws Exception {
        LambdaImage image = LambdaImage.unpack(tarball, dir.resolve("unpacked"));
        Path java = image.inRoot("/opt/java/openjdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), java);

        assertEquals(LambdaImage.hostArchitecture(), image.jvmArchitecture());
        assertFalse(image.runsHere() && !image.architecture().equals(LambdaImage.hostArchitecture()));
        Files.writeString(java, "#!/bin/sh\n");
        assertEquals("unknown", image.jvmArchitecture());
    }

    @Test
    void anArgsFileWithoutTheCacheFlagMeansNoCache() throws Exception {
        LambdaImage image = LambdaImage.unpack(tarball, dir.resolve("unpacked"));
        Files.writeString(image.inRoot("/var/task/jvm.args"), "-XX:+UseSerialGC\n# no AOT cache\n");

        assertFalse(image.hasAotCache());
    }

    @Test
    void refusesATarballThatIsNotAnImage() throws Exception {
        Files.createDirectories(dir.resolve("plain"));
        Files.writeString(dir.resolve("plain/readme.txt"), "no image");
        Path plain = ImageTarballs.tar(dir.resolve("plain"), dir.resolve("plain.tar"));

        ImageException e = assertThrows(ImageException.class, () -> LambdaImage.unpack(plain, dir.resolve("u")));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());
    }

    @Test
    void refusesATarballOfTwoImages() throws Exception {
        Path blobs = dir.resolve("image/blobs");
        String manifest = Files.readString(blobs.resolve("manifest.json"));
        Files.writeString(blobs.resolve("manifest.json"), manifest.replace("}]", "}," + manifest.substring(1)));
        Path two = ImageTarballs.tar(blobs, dir.resolve("two.tar"), "manifest.json", "config.json", "layer0.tar",
                "layer1.tar");

        ImageException e = assertThrows(ImageException.class, () -> LambdaImage.unpack(two, dir.resolve("u")));
        assertTrue(e.getMessage().contains("holds 2 images"), e.getMessage());
    }

    @Test
    void resolvesImagePathsOfACommandLineInTheUnpackedRoot() throws Exception {
        LambdaImage image = LambdaImage.unpack(tarball, dir.resolve("unpacked"));

        assertEquals(image.inRoot("/var/runtime/lib/ric.jar") + ":" + image.inRoot("/var/task/classpath/fn.jar"),
                image.rootPaths("/var/runtime/lib/ric.jar:/var/task/classpath/fn.jar"));
        assertEquals("-XX:AOTCache=" + image.inRoot("/var/task/app.aot"), image.rootPaths("-XX:AOTCache=/var/task/app.aot"));
        assertEquals("/no/such/path", image.rootPaths("/no/such/path"));
    }
}
