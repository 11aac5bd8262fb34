package com.example.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.ColdStart;
import dev.brisk.runtime.LocalLambda;
import dev.brisk.runtime.image.ImageInvocation;
import dev.brisk.runtime.image.ImageJvm;
import dev.brisk.runtime.image.LambdaImage;
import dev.brisk.runtime.image.LambdaImage.Layer;
import dev.brisk.runtime.image.RunningImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image `mvn package` built (target/jib-image.tar), read as Lambda reads it, its layers unpacked, and its
 * entrypoint and command run under the real AWS Lambda Runtime Interface Client.
 */
class ImageIT {

    private static final String HANDLER = Handler.class.getName();
    private static final int MEMORY_MB = Integer.parseInt(System.getProperty("lambda.memorySize", "512"));
    private static final boolean AOT_WANTED = Boolean.parseBoolean(System.getProperty("brisk.image.aotCache", "true"));
    private static final Path TARGET = Path.of("target");

    private static LambdaImage image;
    private static String hello;
    private static String warmup;

    @BeforeAll
    static void unpack() throws IOException {
        image = LambdaImage.unpack(TARGET.resolve("jib-image.tar"), TARGET.resolve("image/it"));
        hello = Files.readString(Path.of("events/hello.json"));
        warmup = Files.readString(Path.of("events/warmup.json"));
    }

    /**
     * This machine cannot run a JVM of another architecture (an arm64 image built on x86_64): the tests that run the
     * image then check that its JVM is the one the config claims, say so, and stop there.
     */
    private static boolean cannotRunHere() throws IOException {
        if (image.runsHere()) {
            return false;
        }
        assertEquals(image.architecture(), image.jvmArchitecture(), "the JVM's ELF header and the config agree");
        System.out.println("[ImageIT] a " + image.architecture() + " image on " + LambdaImage.hostArchitecture()
                + ": not run here; build with -Dbrisk.image.architecture=" + LambdaImage.hostArchitecture() + " to run it");
        return true;
    }

    @Test
    void isOneLinuxImageForTheConfiguredArchitecture() {
        assertEquals(System.getProperty("brisk.image.architecture"), image.architecture());
        assertEquals("linux", image.config().get("os"));
    }

    @Test
    void runsTheRuntimeInterfaceClientWithTheHandlerAsItsCommand() throws IOException {
        List<String> entrypoint = image.entrypoint();
        assertEquals(List.of(System.getProperty("brisk.image.javaHome") + "/bin/java", "@" + ImageJvm.ARGS_FILE),
                entrypoint.subList(0, 2));
        assertEquals(ImageJvm.MAIN_CLASS, entrypoint.get(entrypoint.size() - 1));
        assertEquals(ImageJvm.flags(Integer.getInteger("lambda.java.version")), image.argsFileFlags().stream()
                .filter(f -> !f.startsWith("-XX:AOTCache=")).toList(), "Lambda's JVM flags, from one source");
        assertEquals(List.of(HANDLER), image.command());
        assertEquals("/var/task", image.workingDir());
        assertEquals("/var/task", image.environment().get("LAMBDA_TASK_ROOT"));
        assertTrue(Files.isRegularFile(image.inRoot(entrypoint.get(0))), "the base's JVM");
    }

    @Test
    void keepsTheFunctionsJarInASmallLayerOfItsOwn() {
        String jar = image.classPath().get(image.classPath().size() - 1).substring(1);
        Layer layer = image.layers().stream().filter(l -> l.paths().contains(jar)).findFirst().orElseThrow();
        assertTrue(layer.paths().stream().allMatch(p -> p.equals(jar) || jar.startsWith(p.replaceAll("/$", ""))),
                "only the jar in its layer: " + layer.paths());
        assertTrue(layer.size() < 64 * 1024, "the function's layer is " + layer.size() + " bytes");
    }

    @Test
    void answersItsEventsFromTheUnpackedLayers() throws Exception {
        if (cannotRunHere()) {
            return;
        }
        try (RunningImage fn = image.start(MEMORY_MB, List.of(), Map.of())) {
            ImageInvocation first = fn.invoke(hello);
            assertFalse(first.error(), first.body() + fn.output());
            assertEquals("{\"message\":\"Hello, Brisk!\"}", first.body());
            assertTrue(first.initMs() > 0, "a cold start has an init");
            assertEquals("{\"warmed\":true}", fn.invoke(warmup).body());
        }
    }

    @Test
    void loadsTheHandlerFromTheAotCacheOrSaysWhyThereIsNone() throws Exception {
        String args = Files.readString(image.inRoot(ImageJvm.ARGS_FILE));
        if (!AOT_WANTED) {
            assertFalse(image.hasAotCache());
            assertTrue(args.contains("# no AOT cache: brisk.image.aotCache=false"), args);
            return;
        }
        if (cannotRunHere()) {
            assertFalse(image.hasAotCache(), "a cache can only be trained on the JVM that runs it");
            assertTrue(args.contains("# no AOT cache: built on " + LambdaImage.hostArchitecture()), args);
            return;
        }
        assertTrue(image.hasAotCache(), args);
        // AOTMode=on: the JVM refuses to start unless it can map the cache
        try (RunningImage fn = image.start(MEMORY_MB, List.of("-XX:AOTMode=on", "-Xlog:class+load=info"), Map.of())) {
            ImageInvocation first = fn.invoke(hello);
            assertFalse(first.error(), first.body() + fn.output());
            assertTrue(fn.output().contains(HANDLER + " source: shared objects file"),
                    "the handler's class comes from the cache");
        }
    }

    @Test
    void anyChangeToAJarOfTheClassPathBreaksTheCachesFingerprint() throws IOException {
        Path fingerprint = TARGET.resolve("image/aot.fingerprint");
        if (!AOT_WANTED || !image.runsHere()) {
            assertFalse(Files.exists(fingerprint), "no cache trained, so nothing to bind");
            return;
        }
        String trained = Files.readString(fingerprint);
        assertEquals(trained, image.fingerprint(), "the image holds what the cache was trained on");
        Path jar = image.inRoot(image.classPath().get(image.classPath().size() - 1));
        Files.write(jar, new byte[] {0}, StandardOpenOption.APPEND);
        try {
            assertNotEquals(trained, image.fingerprint());
        } finally {
            byte[] bytes = Files.readAllBytes(jar);
            Files.write(jar, Arrays.copyOf(bytes, bytes.length - 1));
        }
    }

    /**
     * Cold start of the image with and without its cache, against the zip floor (an empty RequestStreamHandler under
     * Lambda's managed-runtime flags, measured by ColdStart), in rounds: each round measures the floor, this function
     * as a zip, the image with its cache and the image without, so that all four see the same machine. Writes
     * target/image/coldstart.txt.
     */
    @Test
    void coldStartAgainstTheZipFloor() throws Exception {
        if (cannotRunHere()) {
            return;
        }
        int runs = Integer.getInteger("brisk.runs", 5);
        Path jar = Path.of(System.getProperty("lambda.jar"));
        List<Double> floor = new ArrayList<>();
        List<Double> zip = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> uncached = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ColdStart round = ColdStart.measure(LocalLambda.builder().jar(jar).handler(HANDLER).memoryMb(MEMORY_MB),
                    hello, 1, line -> { });
            floor.add(floorMedian(round.json()));
            zip.add(floor.get(i) * round.ratioToFloor());
            if (image.hasAotCache()) {
                cached.add(coldTotal(List.of("-XX:AOTMode=on")));
            }
            uncached.add(coldTotal(List.of("-XX:AOTMode=off")));
        }
        double floorMs = median(floor);
        long added = image.layers().stream().filter(l -> l.createdBy().startsWith("jib-maven-plugin"))
                .mapToLong(Layer::size).sum();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Cold start, process start to first response: median of %d rounds (floor, zip, image with and without"
                        + " the cache), %d MB; floor (empty handler, zip) %.1f ms%n", runs, MEMORY_MB, floorMs));
        report.append(String.format(Locale.ROOT, "zip package of this function  %7.1f ms  %.2fx%n",
                median(zip), median(zip) / floorMs));
        if (!cached.isEmpty()) {
            report.append(String.format(Locale.ROOT, "image, AOT cache              %7.1f ms  %.2fx%n",
                    median(cached), median(cached) / floorMs));
        }
        report.append(String.format(Locale.ROOT, "image, no AOT cache           %7.1f ms  %.2fx%n",
                median(uncached), median(uncached) / floorMs));
        report.append(String.format(Locale.ROOT, "image layers added to the base: %,d KB compressed%n", added / 1024));
        Files.writeString(TARGET.resolve("image/coldstart.txt"), report);
        System.out.print(report);
        if (!cached.isEmpty()) {
            assertTrue(median(cached) < median(uncached), "the cache shortens the cold start:\n" + report);
        }
    }

    private static double coldTotal(List<String> jvmArgs) throws Exception {
        try (RunningImage fn = image.start(MEMORY_MB, jvmArgs, Map.of())) {
            ImageInvocation first = fn.invoke(hello);
            assertFalse(first.error(), first.body() + fn.output());
            return first.totalMs();
        }
    }

    private static double floorMedian(String coldStartJson) {
        Matcher m = Pattern.compile("\"floor\"\\s*:\\s*\\{\\s*\"initMs\".*?\"totalMs\"\\s*:\\s*\\{\\s*\"median\"\\s*:\\s*([0-9.]+)",
                Pattern.DOTALL).matcher(coldStartJson);
        assertTrue(m.find(), coldStartJson);
        return Double.parseDouble(m.group(1));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
