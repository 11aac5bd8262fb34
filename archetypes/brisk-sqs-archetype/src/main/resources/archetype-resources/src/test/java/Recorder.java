package ${package};

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The template's actions, silenced, recording each message they apply; an attempt can be made to fail. */
final class Recorder {

    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    private final List<String> sequence = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failNext = ConcurrentHashMap.newKeySet();

    Map<String, MessageAction> actions() {
        Map<String, MessageAction> recording = new HashMap<>();
        new Orders(new PrintStream(OutputStream.nullOutputStream())).byType().forEach((type, action) ->
                recording.put(type, message -> {
                    if (failNext.remove(message.id())) {
                        throw new IllegalStateException("downstream unavailable (test)");
                    }
                    action.apply(message);
                    applied.merge(message.id(), 1, Integer::sum);
                    sequence.add(message.id());
                }));
        return recording;
    }

    /** The next attempt to apply this id throws, as an outage of a downstream service would. */
    void failNextAttempt(String id) {
        failNext.add(id);
    }

    int timesApplied(String id) {
        return applied.getOrDefault(id, 0);
    }

    /** Every id applied, with how many times. */
    Map<String, Integer> applied() {
        return Map.copyOf(applied);
    }

    /** The ids in the order they were applied. */
    List<String> sequence() {
        synchronized (sequence) {
            return List.copyOf(sequence);
        }
    }
}
