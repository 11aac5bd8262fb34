package ${package};

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.json.JSONObject;

/**
 * What a run did: per item its outcome and HTTP status, and the counts. The response and the log line carry no
 * timings (they are in the metric lines), so the same input gives the same report.
 */
record RunReport(int done, int failed, int timedOut, int cancelled, int notStarted, List<Item> items) {

    /**
     * One path's result. {@code outcome} is done (a 2xx), failed (another status, or no answer: {@code error} names
     * why), timed_out, cancelled (running at the deadline) or not_started; {@code status} 0 when there was no answer.
     */
    record Item(String path, String outcome, int status, String error, long millis) {

        boolean ok() {
            return "done".equals(outcome);
        }
    }

    static RunReport of(List<String> paths, List<WorkerPool.Result<Probe.Answer>> results) {
        int[] counts = new int[WorkerPool.Outcome.values().length];
        List<Item> items = new ArrayList<>(results.size());
        for (WorkerPool.Result<Probe.Answer> result : results) {
            counts[result.outcome().ordinal()]++;
            String path = paths.get(result.index());
            String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
            items.add(switch (result.outcome()) {
                case DONE -> new Item(path, outcome, result.value().status(), null, result.value().millis());
                case FAILED -> result.error() instanceof Probe.Failed failed
                        ? new Item(path, outcome, failed.answer.status(), null, failed.answer.millis())
                        : new Item(path, outcome, 0, result.error().getClass().getSimpleName(), result.millis());
                default -> new Item(path, outcome, 0, null, result.millis());
            });
        }
        return new RunReport(counts[0], counts[1], counts[2], counts[3], counts[4], List.copyOf(items));
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", items.size());
        summary.put("done", done);
        summary.put("failed", failed);
        summary.put("timedOut", timedOut);
        summary.put("cancelled", cancelled);
        summary.put("notStarted", notStarted);
        return summary;
    }

    /** The response: {"summary": {...}, "items": [{"path", "outcome", "status", "error"?}]}. */
    String toJson() {
        List<Map<String, Object>> list = new ArrayList<>(items.size());
        for (Item item : items) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", item.path());
            entry.put("outcome", item.outcome());
            entry.put("status", item.status());
            if (item.error() != null) {
                entry.put("error", item.error());
            }
            list.add(entry);
        }
        return new JSONObject().put("summary", summary()).put("items", list).toString();
    }

    /** The run's log line: one JSON object, searchable in Logs Insights. */
    String logLine() {
        return new JSONObject().put("message", "run finished").put("summary", summary()).toString();
    }
}
