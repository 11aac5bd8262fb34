package dev.brisk.runtime.image;

import dev.brisk.runtime.internal.RuntimeApiServer;
import dev.brisk.runtime.internal.RuntimeApiServer.Event;
import dev.brisk.runtime.internal.RuntimeApiServer.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A function started from an unpacked image, and the Runtime API it polls (served in-process, on loopback). */
public final class RunningImage implements AutoCloseable {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:image";

    private final RuntimeApiServer server;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Process process;
    private final long startNanos;
    private final StringBuffer output = new StringBuffer();
    private final List<String> command;
    private final Thread pump;
    private volatile long firstNextNanos = -1;
    private boolean cold = true;

    RunningImage(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        this.command = List.copyOf(command);
        server = RuntimeApiServer.start(event -> {
            if (event.kind() == Kind.NEXT && firstNextNanos < 0) {
                firstNextNanos = event.nanos();
            }
            events.add(event);
        });
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", server.address());
        startNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            server.close();
            throw e;
        }
        pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "brisk-image-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Hands one event to the function and waits (60 s at most) for its response or error. */
    public ImageInvocation invoke(String event) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        server.offer(new RuntimeApiServer.Pending(requestId, event.getBytes(StandardCharsets.UTF_8), 60_000, ARN,
                "Root=1-00000000-000000000000000000000000;Sampled=0", null, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) {
                if (!process.isAlive()) {
                    pump.join(2000);
                    return new ImageInvocation("exited with " + process.exitValue() + ": " + String.join(" ", command),
                            true, -1, -1);
                }
                continue;
            }
            boolean answer = (e.kind() == Kind.RESPONSE || e.kind() == Kind.ERROR) && requestId.equals(e.requestId());
            if (answer || e.kind() == Kind.INIT_ERROR) {
                boolean wasCold = cold;
                cold = false;
                double init = wasCold && firstNextNanos > 0 ? (firstNextNanos - startNanos) / 1e6 : -1;
                double total = wasCold ? (e.nanos() - startNanos) / 1e6 : -1;
                return new ImageInvocation(e.bodyText(), e.kind() != Kind.RESPONSE, init, total);
            }
        }
        return new ImageInvocation("no answer within 60 s", true, -1, -1);
    }

    /** Everything the function printed so far. */
    public String output() {
        return output.toString();
    }

    /** SIGTERM, then waits for the JVM to finish its exit work (an AOT recording writes at exit); its exit code. */
    public int terminate(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new ImageException("the JVM did not exit within " + seconds + " s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
