package ${package};

import dev.brisk.lambda.test.TestContext;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONObject;

/**
 * How close the pool gets to the ideal: {@code probes} GETs against a loopback server answering in {@code delayMs},
 * {@code concurrency} at a time, ideally (probes / concurrency) x delay. Rerun with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=<package>.ThroughputBenchmark}
 * (arguments: probes concurrency delayMs rounds; default 200 20 50 8). Round 1 includes the JVM's warm-up. Not a test: timings depend on the machine.
 */
public final class ThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int delay = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        double ideal = Math.ceil((double) probes / concurrency) * delay;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            paths.add("/ok/" + i);
        }
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        JobHandler handler = new JobHandler(new JobInput.Limits(concurrency, probes),
                new ProbeJob(Duration.ofSeconds(10), Duration.ofSeconds(1), "benchmark", "benchmark", discard));
        List<Double> warm = new ArrayList<>();
        try (LocalApi api = LocalApi.answeringIn(delay)) {
            String input = Runs.input(api.baseUrl(), paths, concurrency);
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                String response = handler.handle(input.getBytes(), new TestContext(60_000)::getRemainingTimeInMillis);
                double millis = (System.nanoTime() - start) / 1e6;
                int done = new JSONObject(response).getJSONObject("summary").getInt("done");
                System.out.printf("round %d: %d/%d probes done in %.0f ms, ideal %.0f ms, ratio %.2fx, server saw at most %d at once%n",
                        round, done, probes, millis, ideal, millis / ideal, api.maxInFlight());
                if (round > 1) {
                    warm.add(millis);
                }
            }
        }
        if (!warm.isEmpty()) {
            warm.sort(null);
            double median = warm.get(warm.size() / 2);
            System.out.printf("median of rounds 2-%d: %.0f ms, %.2fx the ideal %.0f ms%n", rounds, median, median / ideal, ideal);
        }
    }
}
