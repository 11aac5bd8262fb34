package ${package};

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A span exporter for tests: records each export's spans and the thread it ran on; answers as told, or throws. */
final class Recording implements SpanExporter {

    final List<List<SpanData>> exports = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile CompletableResultCode answer = CompletableResultCode.ofSuccess();
    volatile RuntimeException thrown;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        threads.add(Thread.currentThread().getName());
        if (thrown != null) {
            throw thrown;
        }
        exports.add(List.copyOf(spans));
        return answer;
    }

    /** Every span exported, in order. */
    List<SpanData> spans() {
        return exports.stream().flatMap(List::stream).toList();
    }

    /** The names of each export's spans. */
    List<List<String>> names() {
        return exports.stream().map(spans -> spans.stream().map(SpanData::getName).toList()).toList();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
