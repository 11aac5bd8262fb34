package dev.brisk.runtime;

import dev.brisk.runtime.internal.Json;
import dev.brisk.runtime.internal.LambdaJvm;
import dev.brisk.runtime.internal.TaskRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Cold starts of a function measured against the floor: an empty {@code RequestStreamHandler} run as its own
 * task root under the identical JVM, flags and memory, in the same run, interleaved (function, floor, function,
 * floor, ...) so that both see the same machine.
 *
 * <p>Per fresh JVM: <b>init</b> from the process's start to the runtime's first request for an event,
 * <b>first invoke</b> from the event being handed out to the response, <b>total</b> from the process's start to
 * the response, and the peak RSS. Classes loaded come from one extra, unmeasured run of each with
 * {@code -Xlog:class+load} (logging would distort the timed runs); that run also warms the disk cache.
 */
public final class ColdStart {

    private final LocalLambda.Config function;
    private final int runs;
    private final double jarKb;
    private final List<Sample> functionSamples;
    private final List<Sample> floorSamples;
    private final long functionClasses;
    private final long floorClasses;

    private record Sample(double initMs, double firstInvokeMs, double totalMs, long peakRssKb) {
    }

    private ColdStart(LocalLambda.Config function, int runs, double jarKb, List<Sample> functionSamples,
                      List<Sample> floorSamples, long functionClasses, long floorClasses) {
        this.function = function;
        this.runs = runs;
        this.jarKb = jarKb;
        this.functionSamples = functionSamples;
        this.floorSamples = floorSamples;
        this.functionClasses = functionClasses;
        this.floorClasses = floorClasses;
    }

    /**
     * Runs the function and the floor {@code runs} times each in fresh JVMs, with the event, and measures.
     * Throws {@link IllegalStateException} when an invocation fails: the cold start of a failing function means
     * nothing.
     *
     * @param progress one line per run, e.g. for a build log
     */
    public static ColdStart measure(LocalLambda.Builder function, String event, int runs, Consumer<String> progress) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, not " + runs);
        }
        LocalLambda.Config fn = function.config().withOutput(line -> { });
        Path floorRoot = fn.workDir().resolve("floor");
        LocalLambda.Config floor;
        try {
            floor = fn.withTaskRoot(floorRoot, TaskRoot.floor(floorRoot));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out the floor under " + floorRoot, e);
        }
        double jarKb;
        try {
            jarKb = Files.size(fn.jar()) / 1024.0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + fn.jar(), e);
        }
        long functionClasses = classesLoaded(fn, event, "function");
        long floorClasses = classesLoaded(floor, "{}", "floor");

        List<Sample> functionSamples = new ArrayList<>();
        List<Sample> floorSamples = new ArrayList<>();
        try (LocalLambda f = LocalLambda.of(fn); LocalLambda empty = LocalLambda.of(floor)) {
            for (int i = 1; i <= runs; i++) {
                Sample s = sample(f, event, "function", i);
                functionSamples.add(s);
                Sample e = sample(empty, "{}", "floor", i);
                floorSamples.add(e);
                progress.accept(String.format(Locale.ROOT, "run %d/%d: function %.1f ms, floor %.1f ms (total)",
                        i, runs, s.totalMs(), e.totalMs()));
            }
        }
        return new ColdStart(fn, runs, jarKb, functionSamples, floorSamples, functionClasses, floorClasses);
    }

    private static Sample sample(LocalLambda lambda, String event, String what, int run) {
        Invocation inv = lambda.invoke(event);
        lambda.stop();
        check(inv, what + " (run " + run + ")");
        Report r = inv.report();
        return new Sample(r.initDurationMs().orElse(0) + r.restoreDurationMs().orElse(0), r.durationMs(), r.totalMs,
                r.peakRssKb());
    }

    private static long classesLoaded(LocalLambda.Config config, String event, String what) {
        Path log = config.workDir().resolve("classes-" + what + ".log");
        List<String> args = new ArrayList<>(config.jvmArgs());
        args.add("-Xlog:class+load=info:file=\"" + log + "\"");
        try (LocalLambda lambda = LocalLambda.of(config.withJvmArgs(args))) {
            Files.deleteIfExists(log);
            Invocation inv = lambda.invoke(event);
            check(inv, what + " (class count run)");
            // counted while the JVM still runs: the classes it loaded up to its first response
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                return lines.filter(l -> l.contains("[class,load]")).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    private static void check(Invocation inv, String what) {
        if (inv.isError()) {
            throw new IllegalStateException("The " + what + " failed, so its cold start means nothing: "
                    + inv.errorType() + ": " + inv.errorMessage());
        }
    }

    /** median(total of the function) / median(total of the floor). */
    public double ratioToFloor() {
        return median(functionSamples, Sample::totalMs) / median(floorSamples, Sample::totalMs);
    }

    public double jarKb() {
        return jarKb;
    }

    public int runs() {
        return runs;
    }

    /** The table printed by brisk:coldstart. */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Cold start of %s (%s): %d fresh JVMs each, interleaved with the floor%n",
                function.functionName(), function.handler(), runs));
        t.append(String.format(Locale.ROOT, "Java %s at %s, %d MB%s%s%n", LambdaJvm.javaVersion(function.javaHome()),
                function.javaHome(), function.memoryMb(),
                function.snapStart() ? ", SnapStart (init runs the hooks)" : "",
                function.jvmArgs().isEmpty() ? "" : ", extra flags " + String.join(" ", function.jvmArgs())));
        t.append(String.format(Locale.ROOT, "%-18s %27s   %27s%n", "", "function", "floor (empty handler)"));
        t.append(String.format(Locale.ROOT, "%-18s %9s%9s%9s   %9s%9s%9s%n", "", "median", "p90", "max", "median",
                "p90", "max"));
        row(t, "init (ms)", Sample::initMs, 1);
        row(t, "first invoke (ms)", Sample::firstInvokeMs, 1);
        row(t, "total (ms)", Sample::totalMs, 1);
        row(t, "peak RSS (MB)", s -> s.peakRssKb() / 1024.0, 1);
        t.append(String.format(Locale.ROOT, "%-18s %9d%18s   %9d%n", "classes loaded", functionClasses, "",
                floorClasses));
        t.append(String.format(Locale.ROOT, "%-18s %9.1f%n", "jar size (KB)", jarKb));
        t.append(String.format(Locale.ROOT, "Ratio to floor (median total): %.2fx", ratioToFloor()));
        return t.toString();
    }

    private void row(StringBuilder t, String label, ToDoubleFunction<Sample> metric, int decimals) {
        String f = "%9." + decimals + "f";
        t.append(String.format(Locale.ROOT, "%-18s " + f + f + f + "   " + f + f + f + "%n", label,
                median(functionSamples, metric), p90(functionSamples, metric), max(functionSamples, metric),
                median(floorSamples, metric), p90(floorSamples, metric), max(floorSamples, metric)));
    }

    /** The content of target/brisk/coldstart.json. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("function", function.functionName());
        root.put("handler", function.handler());
        root.put("jar", function.jar().toString());
        root.put("runs", runs);
        root.put("javaHome", function.javaHome().toString());
        root.put("javaVersion", LambdaJvm.javaVersion(function.javaHome()));
        root.put("memoryMb", function.memoryMb());
        root.put("snapStart", function.snapStart());
        root.put("jvmArgs", function.jvmArgs());
        root.put("jarKb", round(jarKb));
        root.put("ratioToFloor", round(ratioToFloor()));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("function", results(functionSamples, functionClasses));
        results.put("floor", results(floorSamples, floorClasses));
        root.put("results", results);
        return Json.writePretty(root);
    }

    /** Writes {@link #json()} to a file, creating its folder. */
    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> results(List<Sample> samples, long classes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("initMs", stats(samples, Sample::initMs));
        r.put("firstInvokeMs", stats(samples, Sample::firstInvokeMs));
        r.put("totalMs", stats(samples, Sample::totalMs));
        r.put("peakRssMb", stats(samples, s -> s.peakRssKb() / 1024.0));
        r.put("classesLoaded", classes);
        List<Object> list = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("initMs", round(s.initMs()));
            m.put("firstInvokeMs", round(s.firstInvokeMs()));
            m.put("totalMs", round(s.totalMs()));
            m.put("peakRssKb", s.peakRssKb());
            list.add(m);
        }
        r.put("samples", list);
        return r;
    }

    private static Map<String, Object> stats(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", round(median(samples, metric)));
        m.put("p90", round(p90(samples, metric)));
        m.put("max", round(max(samples, metric)));
        return m;
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return median(samples.stream().mapToDouble(metric).toArray());
    }

    private static double p90(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return p90(samples.stream().mapToDouble(metric).toArray());
    }

    private static double max(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return samples.stream().mapToDouble(metric).max().orElse(Double.NaN);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Nearest-rank 90th percentile: the smallest value with at least 90 % of the values at or below it. */
    static double p90(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(int) Math.ceil(0.9 * v.length) - 1];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
