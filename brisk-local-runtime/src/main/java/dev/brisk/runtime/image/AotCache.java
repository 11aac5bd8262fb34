package dev.brisk.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JDK AOT cache (JEP 483/514/515) for a Lambda image, trained at build time on the image's own JVM and checked
 * against the image that ships it. The JDK binds a cache to its JVM build and to the class path's jars by size and
 * time only (a changed jar of the same size would run stale cached classes); {@link LambdaImage#fingerprint()} binds it
 * by content, and {@link #check} fails the build on any difference, rather than leave it to a silent fallback at cold
 * start.
 */
public final class AotCache {

    /**
     * AOT code is off by default in JDK 25; off explicitly, so that a cache never holds code compiled for the training
     * machine's CPU (Lambda's hosts may differ).
     */
    public static final List<String> NO_CPU_SPECIFIC_CODE = List.of(
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching", "-XX:-AOTStubCaching");
    /** What a trained cache is bound to, written next to the task folder. */
    public static final String FINGERPRINT = "aot.fingerprint";

    /** Training: where and on what. */
    public record Training(Path baseTar, Path jar, String imageJar, Path work, Path taskDir, int javaFeatureVersion,
                           int memoryMb, List<String> events) {
    }

    /** What training did. */
    public enum Outcome { TRAINED, OFF, OTHER_ARCHITECTURE }

    private AotCache() {
    }

    /**
     * Trains the cache on the base image's layers (base.tar: the base with the runtime and task folders, which Jib
     * built): its JVM runs the image's flags and class path, with the function's jar where Jib puts it (and with the
     * time Jib gives it), for every event three times; the recording becomes taskDir/app.aot and the flag that loads
     * it is added to the JVM's argument file. A machine of another architecture than the image's cannot run its JVM:
     * the image then ships without a cache, and the log says so. Java before 25 has no one-step training: refused.
     */
    public static Outcome train(Training t, boolean wanted, Consumer<String> log) throws IOException, InterruptedException {
        Path args = t.taskDir().resolve(ImageFiles.fileName(ImageJvm.ARGS_FILE));
        if (!wanted) {
            Files.writeString(args, "# no AOT cache: brisk.image.aotCache=false\n", StandardOpenOption.APPEND);
            log.accept("AOT cache off (brisk.image.aotCache=false): the image ships without one");
            return Outcome.OFF;
        }
        if (t.javaFeatureVersion() < 25) {
            throw new ImageException("Java " + t.javaFeatureVersion() + " has no AOT cache (JEP 483 needs JDK 24, its"
                    + " one-step training JDK 25): set brisk.image.aotCache=false, or lambda.java.version 25");
        }
        LambdaImage image = LambdaImage.unpack(t.baseTar(), t.work());
        if (!image.architecture().equals(LambdaImage.hostArchitecture())) {
            Files.writeString(args, "# no AOT cache: built on " + LambdaImage.hostArchitecture() + " for "
                    + image.architecture() + "\n", StandardOpenOption.APPEND);
            log.accept("AOT cache NOT trained: this machine is " + LambdaImage.hostArchitecture() + " and the image is "
                    + image.architecture() + "; a cache must be trained on the JVM that runs it. The image ships WITHOUT"
                    + " a cache. Build on an " + image.architecture() + " machine for one, or set"
                    + " -Dbrisk.image.aotCache=false to silence this.");
            return Outcome.OTHER_ARCHITECTURE;
        }
        Path placed = image.inRoot(t.imageJar());
        Files.createDirectories(placed.getParent());
        Files.copy(t.jar(), placed, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(placed, FileTime.from(1, TimeUnit.SECONDS)); // Jib's EPOCH_PLUS_SECOND
        Path cache = t.taskDir().resolve(ImageFiles.fileName(ImageJvm.AOT_CACHE)).toAbsolutePath();
        Path conf = t.work().resolve("app.aotconf").toAbsolutePath();
        Files.deleteIfExists(cache);
        long start = System.nanoTime();
        // Record: the function runs the events; on SIGTERM the JVM writes what it loaded and linked
        List<String> record = new ArrayList<>(NO_CPU_SPECIFIC_CODE);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf));
        try (RunningImage fn = image.start(t.memoryMb(), record, Map.of())) {
            for (String event : t.events()) {
                for (int i = 0; i < 3; i++) {
                    ImageInvocation inv = fn.invoke(event);
                    if (inv.error()) {
                        throw new ImageException("training invocation failed: " + inv.body() + "\n" + fn.output());
                    }
                }
            }
            fn.terminate(60);
            if (!Files.isRegularFile(conf)) {
                throw new ImageException("the training JVM wrote no AOT configuration:\n" + fn.output());
            }
        }
        // Create: the same JVM, flags and class path assemble the cache (JDK 25's -XX:AOTCacheOutput would do it in a
        // child JVM at exit, which a signalled exit skips)
        List<String> create = new ArrayList<>(NO_CPU_SPECIFIC_CODE);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + cache));
        LambdaImage.JvmRun assembled = image.runJvm(t.memoryMb(), create);
        if (assembled.exitCode() != 0 || !Files.isRegularFile(cache)) {
            throw new ImageException("assembling the AOT cache failed (exit " + assembled.exitCode() + "):\n"
                    + assembled.output());
        }
        Files.writeString(args, ImageJvm.aotCacheFlag() + "\n", StandardOpenOption.APPEND);
        Files.writeString(fingerprintFile(t.taskDir()), image.fingerprint());
        log.accept(String.format(Locale.ROOT, "AOT cache trained on the image's JVM (%s, %s) in %.1f s: %,d KB, %d"
                        + " events x 3", image.javaVersion(), image.architecture(), (System.nanoTime() - start) / 1e9,
                Files.size(cache) / 1024, t.events().size()));
        return Outcome.TRAINED;
    }

    /**
     * Fails unless the built image holds exactly what its cache was trained on (the JVM and every class path jar, byte
     * for byte) and its JVM accepts the cache: the image's entrypoint with -XX:AOTMode=on, which refuses to start
     * without a usable cache, answers the events. An image without a cache passes, and the log says why it has none.
     */
    public static void check(Path imageTar, Path work, Path taskDir, int memoryMb, List<String> events,
                             Consumer<String> log) throws IOException, InterruptedException {
        LambdaImage image = LambdaImage.unpack(imageTar, work);
        if (!image.hasAotCache()) {
            Path args = image.inRoot(ImageJvm.ARGS_FILE);
            // the last reason: what training decided, after the "not trained yet" that image-prepare wrote
            String why = Files.isRegularFile(args) ? Files.readString(args).lines()
                    .filter(l -> l.startsWith("# no AOT cache")).reduce((first, last) -> last).orElse("") : "";
            log.accept("image has no AOT cache" + why.substring(Math.min(why.length(), "# no AOT cache".length())));
            return;
        }
        Path fingerprint = fingerprintFile(taskDir);
        String trained = Files.isRegularFile(fingerprint) ? Files.readString(fingerprint) : "(no fingerprint)";
        String shipped = image.fingerprint();
        if (!trained.equals(shipped)) {
            throw new ImageException("the AOT cache in " + imageTar.getFileName() + " was trained on other bytes than"
                    + " the image holds (the JDK does not check jar contents: it would load stale classes or drop the"
                    + " cache).\ntrained on:\n" + trained + "\nimage holds:\n" + shipped);
        }
        try (RunningImage fn = image.start(memoryMb, List.of("-XX:AOTMode=on", "-Xlog:aot=error,cds=error"), Map.of())) {
            for (String event : events) {
                ImageInvocation inv = fn.invoke(event);
                if (inv.error()) {
                    throw new ImageException("the image does not start with its AOT cache (-XX:AOTMode=on): "
                            + inv.body() + "\n" + fn.output());
                }
            }
        }
        log.accept("image checked: its JVM accepts the AOT cache (-XX:AOTMode=on), trained on the same JVM and jars");
    }

    /** The fingerprint of the cache in taskDir: a sibling of taskDir, so that it stays out of the image. */
    public static Path fingerprintFile(Path taskDir) {
        return taskDir.toAbsolutePath().resolveSibling(FINGERPRINT);
    }
}
