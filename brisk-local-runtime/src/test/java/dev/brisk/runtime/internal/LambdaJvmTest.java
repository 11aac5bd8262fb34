package dev.brisk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJvmTest {

    @Test
    void flags_areSizedFromMemoryAsLambdaSizesThem() {
        List<String> flags = LambdaJvm.flags(256, 25);

        assertTrue(flags.contains("-XX:MaxHeapSize=222823k"), flags::toString);
        assertTrue(flags.contains("-XX:MaxMetaspaceSize=26214k"), flags::toString);
        assertTrue(flags.contains("-XX:ReservedCodeCacheSize=13107k"), flags::toString);
        assertTrue(flags.containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.net.preferIPv4Stack=true", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac")));
        assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"));
        assertFalse(LambdaJvm.flags(256, 21).contains("--enable-native-access=ALL-UNNAMED"));
        assertTrue(LambdaJvm.flags(10240, 25).contains("-XX:MaxHeapSize=8912896k"));
    }

    @Test
    void flags_snapStartOnJava25_useFullTieredCompilation_asLambdaDoes() {
        assertFalse(LambdaJvm.flags(512, 25, true).contains("-XX:TieredStopAtLevel=1"));
        assertTrue(LambdaJvm.flags(512, 25, true).contains("-XX:+TieredCompilation"));
        assertTrue(LambdaJvm.flags(512, 25, false).contains("-XX:TieredStopAtLevel=1"));
        assertTrue(LambdaJvm.flags(512, 21, true).contains("-XX:TieredStopAtLevel=1"));
        assertEquals(LambdaJvm.flags(512, 25), LambdaJvm.flags(512, 25, false));
    }

    @Test
    void machineMemoryFlag_makesTheJvmSizeItsInitialHeapFromTheFunctionsMemory() throws Exception {
        assertEquals("-XX:MaxRAM=512m", LambdaJvm.machineMemoryFlag(512));

        // The JVM itself: Lambda's flags for 512 MB plus the machine's memory give an initial heap of 1/64 of 512 MB
        long initial = initialHeapSize(LambdaJvm.flags(512, Runtime.version().feature()), LambdaJvm.machineMemoryFlag(512));
        assertEquals(8L << 20, initial);
        long large = initialHeapSize(LambdaJvm.flags(4096, Runtime.version().feature()), LambdaJvm.machineMemoryFlag(4096));
        assertEquals(64L << 20, large);
    }

    private static long initialHeapSize(List<String> flags, String machine) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LambdaJvm.javaExecutable(Path.of(System.getProperty("java.home"))).toString());
        command.addAll(flags);
        command.add(machine);
        command.add("-XX:+PrintFlagsFinal");
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(0, process.waitFor(), out);
        Matcher m = Pattern.compile("\\bInitialHeapSize\\s*=\\s*(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    @Test
    void featureVersion_readsModernAndLegacyVersions() {
        assertEquals(25, LambdaJvm.featureVersion("25.0.1"));
        assertEquals(21, LambdaJvm.featureVersion("21"));
        assertEquals(8, LambdaJvm.featureVersion("1.8.0_412"));
        assertEquals(-1, LambdaJvm.featureVersion("unknown"));
    }

    @Test
    void javaHome_isCheckedAndItsVersionRead(@TempDir Path notAJdk) {
        Path home = Path.of(System.getProperty("java.home"));

        assertTrue(Files.isExecutable(LambdaJvm.javaExecutable(home)));
        assertEquals(Runtime.version().feature(), LambdaJvm.featureVersion(LambdaJvm.javaVersion(home)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LambdaJvm.javaExecutable(notAJdk));
        assertTrue(e.getMessage().contains("brisk.javaHome"), e.getMessage());
        assertEquals("unknown", LambdaJvm.javaVersion(notAJdk));
    }

    @Test
    void runtimeClasspath_findsTheRuntimeInterfaceClientAndItsDependencies() {
        List<Path> jars = LambdaJvm.runtimeClasspath(getClass().getClassLoader());

        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client-")), jars::toString);
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-core-")));
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-serialization-")));
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("utils-lite-")));
        assertTrue(jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("snakeyaml")), jars::toString);
    }

    @Test
    void runtimeClasspath_prefersTheCoreJarOverAShadedFunctionJarThatComesFirst(@TempDir Path dir) throws Exception {
        // A function's minimized jar, first on a failsafe classpath, holds Context but not all of core
        Path shaded = dir.resolve("my-function.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(shaded))) {
            jar.putNextEntry(new ZipEntry("com/amazonaws/services/lambda/runtime/Context.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            jar.closeEntry();
        }
        List<Path> real = LambdaJvm.runtimeClasspath(getClass().getClassLoader());
        URL[] urls = new URL[real.size() + 1];
        urls[0] = shaded.toUri().toURL();
        for (int i = 0; i < real.size(); i++) {
            urls[i + 1] = real.get(i).toUri().toURL();
        }

        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            List<Path> jars = LambdaJvm.runtimeClasspath(loader);

            assertFalse(jars.contains(shaded), jars::toString);
            assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-core-")));
        }
    }

    @Test
    void nativeClient_isUnpackedOnceForThisPlatform(@TempDir Path dir) throws Exception {
        List<Path> jars = LambdaJvm.runtimeClasspath(getClass().getClassLoader());

        Path lib = LambdaJvm.nativeClient(jars, dir);
        long modified = Files.getLastModifiedTime(lib).toMillis();
        Path again = LambdaJvm.nativeClient(jars, dir);

        assertEquals(dir.resolve("libaws-lambda-jni.so"), lib);
        assertTrue(Files.size(lib) > 10_000);
        assertEquals(lib, again);
        assertEquals(modified, Files.getLastModifiedTime(again).toMillis(), "not rewritten while a JVM may map it");
    }
}
