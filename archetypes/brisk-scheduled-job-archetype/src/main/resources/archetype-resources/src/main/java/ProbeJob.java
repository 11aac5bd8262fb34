package ${package};

import dev.brisk.lambda.metrics.MetricLine;
import dev.brisk.lambda.metrics.Unit;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The default job, the warm-up loop: GET each configured path of the base URL, at most {@code concurrency} at a time,
 * and write one EMF line per path (Latency, Success, Failure by Stage and Path, and by Stage alone) for the alarms in
 * serverless.yml. Replace the items with your own work and keep the pool, the deadline and the report.
 */
final class ProbeJob {

    private final Duration itemTimeout;
    private final Duration safetyMargin;
    private final String namespace;
    private final String stage;
    private final PrintStream out;

    /** {@code out}: where metric and log lines go, standard output on Lambda (the function's log stream). */
    ProbeJob(Duration itemTimeout, Duration safetyMargin, String namespace, String stage, PrintStream out) {
        this.itemTimeout = itemTimeout;
        this.safetyMargin = safetyMargin;
        this.namespace = namespace;
        this.stage = stage;
        this.out = out;
    }

    RunReport run(JobInput input, IntSupplier remainingMillis) throws InterruptedException {
        Probe probe = new Probe(itemTimeout, "brisk-probe/".concat(stage));
        List<Probe.Call> items = new ArrayList<>(input.paths().size());
        for (int i = 0; i < input.paths().size(); i++) {
            items.add(probe.call(input.paths().get(i), input.urls().get(i)));
        }
        WorkerPool pool = new WorkerPool(input.concurrency(), itemTimeout, safetyMargin);
        List<WorkerPool.Result<Probe.Answer>> results = pool.run(items, remainingMillis);
        RunReport report = RunReport.of(input.paths(), results);
        long now = System.currentTimeMillis();
        for (RunReport.Item item : report.items()) {
            MetricLine line = MetricLine.namespace(namespace)
                    .dimension("Stage", stage).dimension("Path", item.path()).aggregateAlsoBy("Stage")
                    .count("Success", item.ok() ? 1 : 0)
                    .count("Failure", item.ok() ? 0 : 1)
                    .property("outcome", item.outcome())
                    .timestamp(now);
            if (item.status() > 0) {
                line.metric("Latency", item.millis(), Unit.MILLISECONDS).property("status", item.status());
            }
            line.print(out);
        }
        return report;
    }

    /** One log line. */
    void log(String line) {
        out.println(line);
    }
}
