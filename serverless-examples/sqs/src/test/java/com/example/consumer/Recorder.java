package com.example.consumer;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's actions, silenced, recording each message they apply; an attempt can be made to fail, once or every
 * time, and an execution environment can be made to die just after applying a message.
 */
final class Recorder {

    /** The execution environment dies (out of memory, killed at its timeout): nothing after it runs. */
    static final class Crash extends Error {
        Crash(String id) {
            super("the execution environment died after applying " + id + " (test)", null, false, false);
        }
    }

    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final List<String> sequence = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failNext = ConcurrentHashMap.newKeySet();
    private final Set<String> failAlways = ConcurrentHashMap.newKeySet();
    private final Set<String> crashAfter = ConcurrentHashMap.newKeySet();

    Map<String, MessageAction> actions() {
        Map<String, MessageAction> recording = new HashMap<>();
        new Orders(new PrintStream(OutputStream.nullOutputStream())).byType().forEach((type, action) ->
                recording.put(type, message -> {
                    attempts.merge(message.id(), 1, Integer::sum);
                    if (failNext.remove(message.id()) || failAlways.contains(message.id())) {
                        throw new IllegalStateException("downstream unavailable (test)");
                    }
                    action.apply(message);
                    applied.merge(message.id(), 1, Integer::sum);
                    sequence.add(message.id());
                    if (crashAfter.remove(message.id())) {
                        throw new Crash(message.id());
                    }
                }));
        return recording;
    }

    /** The next attempt to apply this id throws, as an outage of a downstream service would. */
    void failNextAttempt(String id) {
        failNext.add(id);
    }

    /** Every attempt to apply this id throws: a downstream that never recovers, or a bug. */
    void failEveryAttempt(String id) {
        failAlways.add(id);
    }

    /** The next time this id is applied, the execution environment dies before the handler goes on. */
    void crashAfterApplying(String id) {
        crashAfter.add(id);
    }

    int timesApplied(String id) {
        return applied.getOrDefault(id, 0);
    }

    /** How many times the action ran for this id, whatever came of it. */
    int attempts(String id) {
        return attempts.getOrDefault(id, 0);
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
