package dev.brisk.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How Lambda's managed Java runtime starts the JVM, in one place: the flags, the main class, the runtime
 * classpath and the native client of the Runtime Interface Client.
 */
public final class LambdaJvm {

    /** The RIC's entry point; its one argument is the handler string. */
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** Where the RIC looks for its JNI library instead of unpacking it to the fixed /tmp/.libaws-lambda-jni.so. */
    public static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** A class of each jar the RIC needs at run time: itself, core, serialization, utils-lite (and its annotations). */
    /** A class of each runtime jar, and the file name that jar starts with. */
    private static final Map<String, String> RUNTIME_JARS = orderedMap(
            MAIN_CLASS, "aws-lambda-java-runtime-interface-client-",
            "com.amazonaws.services.lambda.runtime.Context", "aws-lambda-java-core-",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", "aws-lambda-java-serialization-",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal", "utils-lite-",
            "software.amazon.awssdk.annotations.SdkProtectedApi", "annotations-");

    private LambdaJvm() {
    }

    /**
     * The JVM flags of Lambda's managed Java runtimes (java17, java21, java25), as the runtime's own command
     * line shows them: metaspace and code cache get 10 % and 5 % of the function's memory, the heap the rest
     * (256 MB gives -XX:MaxHeapSize=222823k -XX:MaxMetaspaceSize=26214k -XX:ReservedCodeCacheSize=13107k),
     * the serial collector, C1 only (TieredStopAtLevel=1 since java17), class data sharing when the JDK has an
     * archive, IPv4, and org.crac bound to the RIC's CRaC context so that SnapStart hooks run through the RIC.
     * The function's JAVA_TOOL_OPTIONS and brisk.jvmArgs come on top. On JDK 22+ native access is granted to
     * the class path, where the RIC loads its JNI client: without it JDK 24+ prints a restricted-method warning
     * at every start.
     */
    public static List<String> flags(int memoryMb, int javaFeatureVersion) {
        return flags(memoryMb, javaFeatureVersion, false);
    }

    /**
     * {@link #flags(int, int)} for an on-demand or a SnapStart function. Since java25, Lambda keeps C1 only
     * (TieredStopAtLevel=1) for on-demand functions, but runs SnapStart (and provisioned concurrency) functions
     * with the JVM's default full tiered compilation: JIT work done by priming before the snapshot then counts
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html#tiered-compilation).
     */
    public static List<String> flags(int memoryMb, int javaFeatureVersion, boolean snapStart) {
        long kb = memoryMb * 1024L;
        long metaspace = kb / 10;
        long codeCache = kb / 20;
        List<String> flags = new ArrayList<>(List.of(
                "-XX:MaxHeapSize=" + (kb - metaspace - codeCache) + "k",
                "-XX:MaxMetaspaceSize=" + metaspace + "k",
                "-XX:ReservedCodeCacheSize=" + codeCache + "k",
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-Xshare:auto",
                "-Djava.net.preferIPv4Stack=true",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"));
        if (!(snapStart && javaFeatureVersion >= 25)) {
            flags.add(5, "-XX:TieredStopAtLevel=1");
        }
        if (javaFeatureVersion >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return flags;
    }

    /**
     * What the execution environment shows the JVM as physical memory: about the function's memory, where this
     * machine shows its own. The heap's maximum is set by {@link #flags}, but the JVM sizes its initial heap from
     * physical memory (1/64 of it): about 8 MB at 512 MB on Lambda, so the serial collector's young generation is
     * a few megabytes and a cold start that allocates 80 MB collects thirty times. Without this flag a local run on
     * a 24 GB machine starts with a 384 MB heap and never collects. Local runs only: an image's JVM sees the
     * microVM's memory itself.
     */
    public static String machineMemoryFlag(int memoryMb) {
        return "-XX:MaxRAM=" + memoryMb + "m";
    }

    /** bin/java of a JDK or JRE home; throws {@link IllegalArgumentException} when there is none. */
    public static Path javaExecutable(Path javaHome) {
        Path java = javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("No Java at " + javaHome + " (expected " + java + "); set brisk.javaHome"
                    + " to a JDK home");
        }
        return java;
    }

    /** The JAVA_VERSION of a Java home's release file, or "unknown". */
    public static String javaVersion(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                }
            }
        } catch (IOException e) {
            // no release file: an old or odd layout
        }
        return "unknown";
    }

    /** The feature version (25 of "25.0.1", 8 of "1.8.0_412"), or -1. */
    public static int featureVersion(String javaVersion) {
        String v = javaVersion.startsWith("1.") ? javaVersion.substring(2) : javaVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }

    /**
     * The jars of the RIC and its dependencies from a class loader, for the Java API used from tests, where
     * a test-scope dependency on this artifact puts them on the test classpath.
     */
    public static List<Path> runtimeClasspath(ClassLoader loader) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Map.Entry<String, String> jar : RUNTIME_JARS.entrySet()) {
            String resource = jar.getKey().replace('.', '/') + ".class";
            List<Path> found = new ArrayList<>();
            try {
                for (URL url : Collections.list(loader.getResources(resource))) {
                    found.add(locationOf(url, resource));
                }
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot locate the jar of " + jar.getKey(), e);
            }
            if (found.isEmpty()) {
                if (jar.getKey().equals(MAIN_CLASS)) {
                    throw new IllegalStateException("The AWS Lambda Runtime Interface Client is not on the classpath;"
                            + " add com.amazonaws:aws-lambda-java-runtime-interface-client (brisk-lambda-test brings"
                            + " it in test scope) or set runtimeClasspath");
                }
                continue;
            }
            // The function's own shaded jar (on a test classpath) holds a minimized copy of
            // aws-lambda-java-core: prefer the library's jar by name, whatever the classpath order
            paths.add(found.stream()
                    .filter(p -> p.getFileName().toString().startsWith(jar.getValue()))
                    .findFirst()
                    .orElse(found.get(0)));
        }
        return new ArrayList<>(paths);
    }

    /** The jar (or class folder) a class resource was found in. */
    private static Path locationOf(URL url, String resource) throws URISyntaxException {
        String spec = url.toString();
        if (spec.startsWith("jar:")) {
            return Paths.get(new URI(spec.substring(4, spec.lastIndexOf("!/"))));
        }
        Path file = Paths.get(url.toURI());
        for (int i = resource.split("/").length; i > 0; i--) {
            file = file.getParent();
        }
        return file;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Unpacks the RIC's JNI library for this platform into dir and returns it, or throws when the platform has
     * none (the RIC's native client is built for Linux x86_64 and aarch64, glibc and musl).
     */
    public static Path nativeClient(List<Path> runtimeClasspath, Path dir) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("The Lambda Runtime Interface Client's native client runs on Linux only"
                    + " (this is " + System.getProperty("os.name") + ")");
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        String libc = isMusl() ? "linux_musl" : "linux";
        String entryName = "jni/libaws-lambda-jni." + libc + "-" + cpu + ".so";
        for (Path jar : runtimeClasspath) {
            if (Files.isDirectory(jar)) {
                Path lib = jar.resolve(entryName);
                if (Files.isRegularFile(lib)) {
                    return lib;
                }
                continue;
            }
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    continue;
                }
                Files.createDirectories(dir);
                Path target = dir.resolve("libaws-lambda-jni.so");
                if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                    return target;
                }
                Path temp = Files.createTempFile(dir, "jni", ".tmp");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                // atomic: a JVM that has the old file mapped keeps it
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        }
        throw new IllegalStateException("No " + entryName + " in the runtime classpath " + runtimeClasspath);
    }

    private static boolean isMusl() {
        try (var files = Files.list(Paths.get("/lib"))) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }
}
