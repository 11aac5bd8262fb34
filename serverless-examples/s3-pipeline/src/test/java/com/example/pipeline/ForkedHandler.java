package com.example.pipeline;

import dev.brisk.lambda.test.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A main for {@link LargeObjectTest}: the handler exactly as Lambda builds it (public constructor, settings and S3
 * endpoint from the environment) in a JVM of its own, started with a small heap. Prints the handler's answer, then
 * the peak heap used.
 */
public final class ForkedHandler {

    private ForkedHandler() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        PipelineHandler handler = new PipelineHandler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream event = Files.newInputStream(Path.of(args[0]))) {
            handler.handleRequest(event, out, new TestContext());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("OUTCOME " + out.toString(StandardCharsets.UTF_8));
        System.out.println("PEAK_HEAP_BYTES " + peak);
        System.out.println("MAX_HEAP_BYTES " + Runtime.getRuntime().maxMemory());
        System.out.println("ELAPSED_MS " + (System.nanoTime() - start) / 1_000_000);
    }
}
