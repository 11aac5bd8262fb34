package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.StreamHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.json.JSONObject;

/** Entry point for the schedule: warm-up first, then one run of the job over the schedule's input. */
public final class JobHandler extends StreamHandler {

    private final JobInput.Limits limits;
    private final ProbeJob job;

    public JobHandler() {
        this(new JobInput.Limits(env("MAX_CONCURRENCY", 4), env("MAX_PATHS", 50)),
                new ProbeJob(Duration.ofMillis(env("ITEM_TIMEOUT_MS", 5000)),
                        Duration.ofMillis(env("SAFETY_MARGIN_MS", 2000)),
                        System.getenv().getOrDefault("METRICS_NAMESPACE", "scheduled-job"),
                        System.getenv().getOrDefault("STAGE", "local"), System.out));
        if (SnapStart.isSnapshotting()) { // an on-demand start never loads the priming
            SnapStart.register(new SnapStartPriming(this));
        }
    }

    JobHandler(JobInput.Limits limits, ProbeJob job) {
        this.limits = limits;
        this.job = job;
    }

    @Override
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        output.write(handle(event, context).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Never throws for bad input: it is answered {"error": {...}} and logged, since a retry would not fix it. Log lines
     * go to standard output with the metric lines, one JSON object per line, in the order they happen.
     */
    String handle(byte[] event, Context context) {
        JobInput input;
        try {
            input = JobInput.parse(event, limits);
        } catch (BadInput e) {
            String error = new JSONObject()
                    .put("error", Map.of("code", "bad_input", "message", e.getMessage())).toString();
            job.log(error);
            return error;
        }
        try {
            RunReport report = job.run(input, context::getRemainingTimeInMillis);
            job.log(report.logLine());
            return report.toJson();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the run was interrupted", e);
        }
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
