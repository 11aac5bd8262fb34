package com.example.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one invocation did, returned to the caller and logged as one JSON line. */
record Outcome(String status, String source, String detail, String output, long records, long rejected) {

    static Outcome processed(ObjectEvent event, String output, Scan scan) {
        return new Outcome("processed", event.source(), null, output, scan.records(), scan.rejected());
    }

    /** Nothing to do: a duplicate, an older sequencer, or an object replaced or deleted since the event. */
    static Outcome skipped(ObjectEvent event, String reason) {
        return new Outcome("skipped", event.source(), reason, null, 0, 0);
    }

    /** Not an event for this pipeline. */
    static Outcome ignored(ObjectEvent event, String reason) {
        return new Outcome("ignored", event.source(), reason, null, 0, 0);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status);
        map.put("source", source);
        if (detail != null) {
            map.put("reason", detail);
        }
        if (output != null) {
            map.put("output", output);
            map.put("records", records);
            map.put("rejected", rejected);
        }
        return map;
    }
}
