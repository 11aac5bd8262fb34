package ${package};

import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.metrics.MetricLine;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Before the SnapStart snapshot: parses a sample input, answers a bad one, runs the pool over local items, builds the
 * metric and report lines and opens (never connects) a URL connection, so the snapshot holds those classes loaded and
 * linked. No network, and nothing in the function's log: a probe or an error line before the snapshot would be one no
 * one asked for.
 */
final class SnapStartPriming implements SnapStart.Priming {

    private static final byte[] SAMPLE =
            "{\"baseUrl\":\"https://priming.invalid\",\"paths\":[\"/a\",\"/b?c=d\"],\"concurrency\":1}"
                    .getBytes(StandardCharsets.US_ASCII);

    @Override
    public void beforeCheckpoint() throws Exception {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        JobInput input = JobInput.parse(SAMPLE, new JobInput.Limits(1, 2));
        // The bad-input path, on a handler of its own whose lines go nowhere
        new JobHandler(new JobInput.Limits(1, 2), new ProbeJob(Duration.ofSeconds(5), Duration.ZERO, "priming",
                "priming", discard)).handle("{}".getBytes(StandardCharsets.US_ASCII), () -> 60_000);
        // Loads the HTTP handler; nothing is sent before connect()
        input.urls().get(0).toURL().openConnection(Proxy.NO_PROXY);
        List<Callable<Probe.Answer>> items = List.of(() -> new Probe.Answer("/a", 200, 1), () -> {
            throw new Probe.Failed(new Probe.Answer("/b", 503, 1));
        });
        var results = new WorkerPool(1, Duration.ofSeconds(5), Duration.ZERO).run(items, () -> 60_000);
        RunReport report = RunReport.of(input.paths(), results);
        report.toJson();
        report.logLine();
        MetricLine.namespace("priming").dimension("Stage", "priming").count("Success", 1).print(discard);
    }
}
