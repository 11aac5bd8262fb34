package ${package};

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.metrics.MetricLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Before the SnapStart snapshot: parses a sample input, runs the pool over local items, builds the
 * metric and report lines and opens (never connects) a URL connection, so the snapshot holds those classes loaded and
 * linked. No network: a probe sent before the snapshot would be a request no one asked for.
 */
final class SnapStartPriming implements SnapStart.Priming {

    private static final byte[] SAMPLE =
            "{\"baseUrl\":\"https://priming.invalid\",\"paths\":[\"/a\",\"/b?c=d\"],\"concurrency\":1}"
                    .getBytes(StandardCharsets.US_ASCII);

    private final JobHandler handler;

    SnapStartPriming(JobHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint() throws Exception {
        JobInput input = JobInput.parse(SAMPLE, new JobInput.Limits(1, 2));
        handler.handle("{}".getBytes(StandardCharsets.US_ASCII), QUIET); // the bad-input path
        // Loads the HTTP handler; nothing is sent before connect()
        input.urls().get(0).toURL().openConnection(Proxy.NO_PROXY);
        List<Callable<Probe.Answer>> items = List.of(() -> new Probe.Answer("/a", 200, 1), () -> {
            throw new Probe.Failed(new Probe.Answer("/b", 503, 1));
        });
        var results = new WorkerPool(1, Duration.ofSeconds(5), Duration.ZERO).run(items, () -> 60_000);
        RunReport report = RunReport.of(input.paths(), results);
        report.toJson();
        report.logLine();
        MetricLine.namespace("priming").dimension("Stage", "priming").count("Success", 1)
                .print(new PrintStream(new ByteArrayOutputStream(), false, StandardCharsets.UTF_8));
    }

    /** A context for priming: plenty of time, and a logger that keeps priming out of the function's logs. */
    private static final Context QUIET = new Context() {
        @Override public String getAwsRequestId() { return "priming"; }
        @Override public String getLogGroupName() { return "priming"; }
        @Override public String getLogStreamName() { return "priming"; }
        @Override public String getFunctionName() { return "priming"; }
        @Override public String getFunctionVersion() { return "priming"; }
        @Override public String getInvokedFunctionArn() { return "priming"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 0; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    };
}
