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
import java.util.function.IntSupplier;
import org.json.JSONObject;

/** Entry point for the schedule: warm-up first, then one run of the job over the schedule's input. */
public final class JobHandler extends StreamHandler {

    private final JobInput.Limits limits;
    private final ProbeJob job;

    public JobHandler() {
        this(System.getenv(), System.out);
        if (SnapStart.isSnapshotting()) { // an on-demand start never loads the priming
            SnapStart.register(new SnapStartPriming());
        }
    }

    /** Configured from {@code env}, the function's environment: a bad value fails the init, named, not every run. */
    JobHandler(Map<String, String> env, PrintStream out) {
        this(new JobInput.Limits(setting(env, "MAX_CONCURRENCY", 4, 1), setting(env, "MAX_PATHS", 50, 1)),
                new ProbeJob(Duration.ofMillis(setting(env, "ITEM_TIMEOUT_MS", 5000, 1)),
                        Duration.ofMillis(setting(env, "SAFETY_MARGIN_MS", 2000, 0)),
                        env.getOrDefault("METRICS_NAMESPACE", "scheduled-job"), env.getOrDefault("STAGE", "local"),
                        out));
    }

    JobHandler(JobInput.Limits limits, ProbeJob job) {
        this.limits = limits;
        this.job = job;
    }

    @Override
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        output.write(handle(event, context::getRemainingTimeInMillis).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Never throws for bad input: it is answered {"error": {...}} and logged, since a retry would not fix it. Log lines
     * go to standard output with the metric lines, one JSON object per line, in the order they happen.
     */
    String handle(byte[] event, IntSupplier remainingMillis) {
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
            RunReport report = job.run(input, remainingMillis);
            job.log(report.logLine());
            return report.toJson();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the run was interrupted", e);
        }
    }

    /** A whole number of at least {@code min}; {@code fallback} when the variable is unset or blank. */
    private static int setting(Map<String, String> env, String name, int fallback, int min) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(
                name + " must be a whole number of at least " + min + ", not '" + value + "'");
    }
}
