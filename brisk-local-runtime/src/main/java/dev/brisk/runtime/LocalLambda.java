package dev.brisk.runtime;

import dev.brisk.runtime.internal.Json;
import dev.brisk.runtime.internal.LambdaJvm;
import dev.brisk.runtime.internal.RuntimeApiServer;
import dev.brisk.runtime.internal.RuntimeApiServer.Event;
import dev.brisk.runtime.internal.RuntimeApiServer.Kind;
import dev.brisk.runtime.internal.ServerlessYml;
import dev.brisk.runtime.internal.ServerlessYml.FunctionConfig;
import dev.brisk.runtime.internal.TaskRoot;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Lambda function's jar run locally under the real AWS Lambda Java Runtime Interface Client, in a fresh JVM
 * started like Lambda's managed Java runtime starts it, against a Runtime API served in-process on loopback.
 *
 * <pre>{@code
 * try (LocalLambda fn = LocalLambda.fromServerlessYml(Path.of("serverless.yml")).build()) {
 *     Invocation inv = fn.invoke("{\"ping\":true}");   // starts the JVM: cold
 *     inv.response();                                   // the response payload (JSON)
 *     inv.report();                                     // REPORT figures
 * }
 * }</pre>
 *
 * <p>The first {@link #invoke} starts the JVM (cold, with an Init Duration); later ones reuse it (warm), until a
 * timeout, a crash or {@link #stop()} ends it. Nothing waits without a deadline: init has
 * {@value #INIT_TIMEOUT_SECONDS} s plus the function's timeout (Lambda's init limit, after which Lambda retries the
 * init within the invocation), each invocation the function's timeout, after which the
 * JVM is killed and the invocation ends with {@code Sandbox.Timedout}. Like a Lambda execution environment it runs
 * one invocation at a time: concurrent calls wait their turn.
 */
public final class LocalLambda implements AutoCloseable {

    /** Lambda's limit on the init phase; a slower init gets another go within the invocation's timeout. */
    static final int INIT_TIMEOUT_SECONDS = 10;
    /** A SnapStart version's init runs at publish time, where Lambda allows far longer. */
    static final int SNAPSTART_INIT_TIMEOUT_SECONDS = 120;
    private static final int TAIL_LINES = 20;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "brisk-local-lambda-cleanup"));
    }

    private final Config config;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private RuntimeApiServer server;
    private Path taskRoot;
    private Path nativeClient;
    private Sandbox sandbox;
    private boolean closed;

    /** Everything that decides how the function runs, resolved. */
    record Config(Path jar, Path preparedTaskRoot, String handler, int memoryMb, Duration timeout,
                  Map<String, String> environment, boolean snapStart, Path javaHome, List<String> jvmArgs,
                  String functionName, String region, String runtime, Consumer<String> output,
                  List<Path> runtimeClasspath, Path workDir) {

        Config withTaskRoot(Path root, String newHandler) {
            return new Config(jar, root, newHandler, memoryMb, timeout, environment, snapStart, javaHome, jvmArgs,
                    functionName, region, runtime, output, runtimeClasspath, workDir);
        }

        Config withJvmArgs(List<String> args) {
            return new Config(jar, preparedTaskRoot, handler, memoryMb, timeout, environment, snapStart, javaHome,
                    List.copyOf(args), functionName, region, runtime, output, runtimeClasspath, workDir);
        }

        Config withOutput(Consumer<String> sink) {
            return new Config(jar, preparedTaskRoot, handler, memoryMb, timeout, environment, snapStart, javaHome,
                    jvmArgs, functionName, region, runtime, sink, runtimeClasspath, workDir);
        }

        String functionArn() {
            return "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
        }
    }

    /** One JVM: the execution environment of warm invocations. */
    private static final class Sandbox {
        final Process process;
        final long startNanos;
        final int generation;
        final Deque<String> tail = new ArrayDeque<>();
        final List<Thread> readers = new ArrayList<>();
        long peakRssKb;
        boolean ready;

        Sandbox(Process process, long startNanos, int generation) {
            this.process = process;
            this.startNanos = startNanos;
            this.generation = generation;
        }

        void remember(String line) {
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }

        String lastOutput() {
            synchronized (tail) {
                return String.join("\n", tail);
            }
        }
    }

    private LocalLambda(Config config) {
        this.config = config;
    }

    /** A builder with nothing set: jar and handler are required. */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder pre-filled from a serverless.yml: the first function (or {@link Builder#function(String)}), its
     * handler, memory, timeout, environment, SnapStart, region and package.artifact (else
     * {@code target/<service>.jar} next to the file). Anything set on the builder wins.
     */
    public static Builder fromServerlessYml(Path serverlessYml) {
        try {
            return new Builder(ServerlessYml.read(serverlessYml));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + serverlessYml, e);
        }
    }

    /** Invokes the function with an event (JSON); starts a JVM first when none is running. */
    public synchronized Invocation invoke(String event) {
        if (closed) {
            throw new IllegalStateException("This LocalLambda is closed");
        }
        Objects.requireNonNull(event, "event");
        String requestId = UUID.randomUUID().toString();
        boolean cold = sandbox == null || !sandbox.process.isAlive();
        if (cold) {
            stop();
            prepare();
            events.clear();
        }
        int generation = cold ? server.reset() : sandbox.generation;
        server.offer(new RuntimeApiServer.Pending(requestId, event.getBytes(StandardCharsets.UTF_8),
                config.timeout().toMillis(), config.functionArn(), traceId(), null, null));
        if (cold) {
            sandbox = launch(generation);
        }
        config.output().accept("START RequestId: " + requestId + " Version: $LATEST");
        Invocation invocation = await(requestId, cold, sandbox);
        config.output().accept("END RequestId: " + requestId);
        config.output().accept(invocation.report().toString());
        return invocation;
    }

    /** Kills the JVM, if one runs: the next {@link #invoke} is cold. */
    public synchronized void stop() {
        if (sandbox != null) {
            kill(sandbox);
            sandbox = null;
        }
    }

    /** Kills the JVM, stops the Runtime API and deletes the task root. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (server != null) {
            server.close();
        }
        try {
            if (taskRoot != null && config.preparedTaskRoot() == null) {
                TaskRoot.delete(taskRoot);
            }
        } catch (IOException e) {
            // a leftover folder under target/ is harmless
        }
    }

    /** The jar this function runs, null for a prepared task root. */
    public Path jar() {
        return config.jar();
    }

    @Override
    public String toString() {
        Duration t = config.timeout();
        String timeout = t.toMillis() % 1000 == 0 ? Long.toString(t.toSeconds()) : Double.toString(seconds(t));
        return config.functionName() + " (" + config.handler() + "), " + config.memoryMb() + " MB, timeout "
                + timeout + " s" + (config.snapStart() ? ", SnapStart" : "") + ", Java "
                + LambdaJvm.javaVersion(config.javaHome()) + " at " + config.javaHome();
    }

    Config config() {
        return config;
    }

    static LocalLambda of(Config config) {
        return new LocalLambda(config);
    }

    // ---- the JVM

    private void prepare() {
        try {
            if (server == null) {
                server = RuntimeApiServer.start(events::add);
            }
            if (taskRoot == null) {
                Files.createDirectories(config.workDir());
                if (config.preparedTaskRoot() != null) {
                    taskRoot = config.preparedTaskRoot();
                } else {
                    taskRoot = Files.createTempDirectory(config.workDir(), "task-" + safe(config.functionName()) + "-");
                    TaskRoot.unzip(config.jar(), taskRoot);
                }
            }
            if (nativeClient == null) {
                nativeClient = LambdaJvm.nativeClient(config.runtimeClasspath(), config.workDir().resolve("jni"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the function under " + config.workDir(), e);
        }
    }

    private Sandbox launch(int generation) {
        List<String> command = new ArrayList<>();
        command.add(LambdaJvm.javaExecutable(config.javaHome()).toString());
        int feature = LambdaJvm.featureVersion(LambdaJvm.javaVersion(config.javaHome()));
        command.addAll(LambdaJvm.flags(config.memoryMb(), feature, config.snapStart()));
        command.add(LambdaJvm.machineMemoryFlag(config.memoryMb()));
        command.add("-D" + LambdaJvm.NATIVE_CLIENT_PROPERTY + "=" + nativeClient);
        command.addAll(config.jvmArgs());
        command.add("-cp");
        command.add(join(config.runtimeClasspath()));
        command.add(LambdaJvm.MAIN_CLASS);
        command.add(config.handler());

        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0), e);
        }
        LIVE.add(process);
        Sandbox sb = new Sandbox(process, start, generation);
        sb.readers.add(pump(process.getInputStream(), sb, "stdout"));
        sb.readers.add(pump(process.getErrorStream(), sb, "stderr"));
        process.onExit().thenRun(() -> events.add(new Event(Kind.EXIT, generation, System.nanoTime(), null,
                Integer.toString(process.exitValue()), null)));
        return sb;
    }

    /** The process environment: the function's variables, then Lambda's reserved ones, which win as in Lambda. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(config.environment());
        String path = System.getenv("PATH");
        env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", config.handler());
        env.put("AWS_LAMBDA_RUNTIME_API", server.address());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + config.runtime());
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/')
                + "/[$LATEST]" + hex(16));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.snapStart() ? "snap-start" : "on-demand");
        // Dummy credentials (AWS's documented example key): an SDK client builds, and nothing reaches a real account
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_SESSION_TOKEN", "brisk-local-session-token");
        return env;
    }

    private Thread pump(InputStream stream, Sandbox sb, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sb.remember(line);
                    config.output().accept(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "brisk-function-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void kill(Sandbox sb) {
        Process p = sb.process;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
            for (Thread reader : sb.readers) {
                reader.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(p);
    }

    // ---- one invocation

    private Invocation await(String requestId, boolean cold, Sandbox sb) {
        long timeoutNanos = config.timeout().toNanos();
        long deadline = cold
                ? sb.startNanos + initLimit().toNanos()
                : System.nanoTime() + timeoutNanos + TimeUnit.SECONDS.toNanos(INIT_TIMEOUT_SECONDS);
        long initEnd = -1;
        long restoreAt = -1;
        long handedAt = -1;
        while (true) {
            Event ev;
            try {
                ev = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(sb);
                sandbox = null;
                throw new IllegalStateException("Interrupted while waiting for the function", e);
            }
            if (ev == null) {
                return timedOut(requestId, cold, sb, handedAt >= 0, initEnd, restoreAt);
            }
            if (ev.generation() != sb.generation) {
                continue;
            }
            switch (ev.kind()) {
                case RESTORE_NEXT:
                    restoreAt = ev.nanos();
                    break;
                case NEXT:
                    if (initEnd < 0 && !sb.ready) {
                        initEnd = ev.nanos();
                        sb.ready = true;
                    }
                    break;
                case HANDED_OUT:
                    if (requestId.equals(ev.requestId())) {
                        handedAt = ev.nanos();
                        deadline = handedAt + timeoutNanos;
                    }
                    break;
                case RESPONSE:
                case ERROR:
                    if (requestId.equals(ev.requestId())) {
                        return answered(requestId, cold, sb, ev, handedAt, initEnd, restoreAt);
                    }
                    break;
                case INIT_ERROR:
                case RESTORE_ERROR:
                    return initFailed(requestId, sb, ev, restoreAt);
                case EXIT:
                    return exited(requestId, cold, sb, Integer.parseInt(ev.errorType()), ev.nanos(), initEnd, handedAt);
                default:
                    break;
            }
        }
    }

    private Duration initLimit() {
        return config.snapStart() ? Duration.ofSeconds(SNAPSTART_INIT_TIMEOUT_SECONDS)
                : Duration.ofSeconds(INIT_TIMEOUT_SECONDS).plus(config.timeout());
    }

    private Invocation answered(String requestId, boolean cold, Sandbox sb, Event ev, long handedAt, long initEnd,
                                long restoreAt) {
        sb.peakRssKb = peakRssKb(sb);
        double duration = millis(ev.nanos() - handedAt);
        Report report = report(requestId, duration, sb, cold, initEnd, restoreAt, null, null,
                cold ? millis(ev.nanos() - sb.startNanos) : -1);
        String body = ev.bodyText();
        if (ev.kind() == Kind.RESPONSE) {
            return new Invocation(body, null, null, report);
        }
        Map<String, Object> error = Json.parseObjectOrEmpty(body);
        String type = text(error.get("errorType"), ev.errorType() != null ? ev.errorType() : "Unhandled");
        String message = text(error.get("errorMessage"), body);
        return new Invocation(body, type, message, report);
    }

    private Invocation initFailed(String requestId, Sandbox sb, Event ev, long restoreAt) {
        sb.peakRssKb = peakRssKb(sb);
        Map<String, Object> error = Json.parseObjectOrEmpty(ev.bodyText());
        String type = text(error.get("errorType"), ev.errorType() != null ? ev.errorType() : "Runtime.Unknown");
        String phase = ev.kind() == Kind.RESTORE_ERROR ? "Restore" : "Init";
        String message = phase + " failed: " + text(error.get("errorMessage"), ev.bodyText());
        try {
            sb.process.waitFor(2, TimeUnit.SECONDS); // the RIC exits after reporting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(sb);
        sandbox = null;
        double init = ev.kind() == Kind.RESTORE_ERROR && restoreAt >= 0
                ? millis(restoreAt - sb.startNanos) : millis(ev.nanos() - sb.startNanos);
        Report report = new Report(requestId, 0, config.memoryMb(), sb.peakRssKb, init, -1, config.snapStart(),
                "error", type, -1);
        String body = ev.bodyText().isBlank() ? errorJson(type, message) : ev.bodyText();
        return new Invocation(body, type, message, report);
    }

    private Invocation timedOut(String requestId, boolean cold, Sandbox sb, boolean handedOut, long initEnd,
                                long restoreAt) {
        sb.peakRssKb = peakRssKb(sb);
        kill(sb);
        sandbox = null;
        String message;
        double duration;
        if (handedOut) {
            message = String.format(Locale.ROOT, "Task timed out after %.2f seconds", seconds(config.timeout()));
            duration = config.timeout().toMillis();
        } else if (cold && initEnd < 0) {
            message = String.format(Locale.ROOT, "Init timed out after %.2f seconds", seconds(initLimit()));
            duration = 0;
        } else {
            message = "The runtime did not ask for the event in time";
            duration = 0;
        }
        String type = "Sandbox.Timedout";
        Report report = report(requestId, duration, sb, cold, initEnd, restoreAt, "timeout", null, -1);
        return new Invocation(errorJson(type, message), type, message, report);
    }

    private Invocation exited(String requestId, boolean cold, Sandbox sb, int exitCode, long at, long initEnd,
                              long handedAt) {
        kill(sb); // reaps it and drains its output
        sandbox = null;
        String type = "Runtime.ExitError";
        StringBuilder message = new StringBuilder("RequestId: ").append(requestId)
                .append(" Error: Runtime exited with error: exit status ").append(exitCode);
        if (cold && initEnd < 0) {
            message.append(" (before init completed)");
        }
        String last = sb.lastOutput();
        if (!last.isEmpty()) {
            message.append("\nLast output of the function's JVM:\n").append(last);
        }
        double init = cold ? millis((initEnd >= 0 ? initEnd : at) - sb.startNanos) : -1;
        double duration = handedAt >= 0 ? millis(at - handedAt) : 0;
        Report report = new Report(requestId, duration, config.memoryMb(), sb.peakRssKb, init, -1, config.snapStart(),
                "error", type, -1);
        return new Invocation(errorJson(type, message.toString()), type, message.toString(), report);
    }

    private Report report(String requestId, double duration, Sandbox sb, boolean cold, long initEnd, long restoreAt,
                          String status, String errorType, double total) {
        double init = -1;
        double restore = -1;
        if (cold && initEnd >= 0) {
            if (restoreAt >= 0) {
                init = millis(restoreAt - sb.startNanos);
                restore = millis(initEnd - restoreAt);
            } else {
                init = millis(initEnd - sb.startNanos);
            }
        }
        return new Report(requestId, duration, config.memoryMb(), sb.peakRssKb, init, restore, config.snapStart(),
                status, errorType, total);
    }

    /** Peak RSS of the process in kB: VmHWM on Linux, else the current RSS from ps; the last value when gone. */
    private static long peakRssKb(Sandbox sb) {
        long pid = sb.process.pid();
        Path status = Paths.get("/proc/" + pid + "/status");
        try {
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                    if (line.startsWith("VmHWM:")) {
                        return Math.max(sb.peakRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile
        }
        return sb.peakRssKb;
    }

    // ---- small helpers

    private static String errorJson(String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", message);
        body.put("errorType", type);
        return Json.write(body);
    }

    private static String text(Object value, String fallback) {
        return value instanceof String && !((String) value).isEmpty() ? (String) value : fallback;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String join(List<Path> paths) {
        List<String> parts = new ArrayList<>();
        for (Path p : paths) {
            parts.add(p.toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    private static String traceId() {
        long epoch = System.currentTimeMillis() / 1000;
        return "Root=1-" + Long.toHexString(epoch) + "-" + hex(12) + ";Parent=" + hex(8) + ";Sampled=0";
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Settings of a {@link LocalLambda}. Values set here win over serverless.yml's; unset ones fall back to the
     * function in serverless.yml, then to Serverless Framework's defaults (1024 MB, 6 s, us-east-1).
     */
    public static final class Builder {
        private final ServerlessYml yml;
        private String function;
        private Path jar;
        private String handler;
        private Integer memoryMb;
        private Duration timeout;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Boolean snapStart;
        private Path javaHome;
        private List<String> jvmArgs = List.of();
        private String functionName;
        private String region;
        private Consumer<String> output = System.out::println;
        private List<Path> runtimeClasspath;
        private Path workDir;
        private boolean functionFirst;

        private Builder(ServerlessYml yml) {
            this.yml = yml;
        }

        /** Which function of serverless.yml (its key under {@code functions:}); default the first. */
        public Builder function(String key) {
            this.function = key;
            return this;
        }

        /** The function's jar (the deployment package); default serverless.yml's package.artifact. */
        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** {@code com.example.Handler} or {@code com.example.Handler::method}. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** Memory size in MB: sets AWS_LAMBDA_FUNCTION_MEMORY_SIZE and sizes heap, metaspace and code cache. */
        public Builder memoryMb(int memoryMb) {
            if (memoryMb < 128 || memoryMb > 10240) {
                throw new IllegalArgumentException("Lambda memory is 128 to 10240 MB, not " + memoryMb);
            }
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Variables added to (and overriding) serverless.yml's; Lambda's reserved variables still win. */
        public Builder environment(Map<String, String> environment) {
            this.environment.putAll(environment);
            return this;
        }

        /** Start with initialization type snap-start: the CRaC hooks run through the RIC. */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        /** The JDK the function runs on; default the one running this code. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** Extra JVM flags, after Lambda's (so they can override them). */
        public Builder jvmArgs(List<String> jvmArgs) {
            this.jvmArgs = List.copyOf(jvmArgs);
            return this;
        }

        /** AWS_LAMBDA_FUNCTION_NAME; default serverless.yml's name, service-dev-key. */
        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        /** AWS_REGION; default provider.region, else us-east-1. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Where the function's output and the START/END/REPORT lines go, line by line; default System.out. */
        public Builder output(Consumer<String> output) {
            this.output = Objects.requireNonNull(output);
            return this;
        }

        /**
         * The jars of the Runtime Interface Client and its dependencies; default found on this code's class
         * loader (a test-scope dependency on brisk-lambda-test or brisk-local-runtime brings them).
         */
        public Builder runtimeClasspath(List<Path> jars) {
            this.runtimeClasspath = List.copyOf(jars);
            return this;
        }

        /** Where task roots and the native client are unpacked; default {@code brisk/} next to the jar. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /**
         * Puts the function's jar on the JVM's class path before the runtime client's jars, as a container image
         * that ships the runtime client next to the function's libraries may: the runtime then loads the jar's
         * copies of the classes they share (aws-lambda-java-core), so a jar that shrank them breaks the runtime.
         * Default false: the managed runtime's class path holds the runtime alone, the function is loaded from the
         * task root.
         */
        public Builder functionJarFirst(boolean first) {
            this.functionFirst = first;
            return this;
        }

        /** Resolves the settings; the JVM starts on the first {@link LocalLambda#invoke}. */
        public LocalLambda build() {
            return new LocalLambda(config());
        }

        Config config() {
            FunctionConfig fn = yml == null ? null : yml.function(function);
            if (fn != null) {
                for (String warning : fn.warnings()) {
                    output.accept("brisk: " + yml.file().getFileName() + ": " + warning);
                }
            }
            Path theJar = jar != null ? jar : fn == null ? null : fn.artifact();
            if (theJar == null && yml != null) {
                String service = yml.service();
                theJar = yml.file().toAbsolutePath().getParent().resolve("target")
                        .resolve((service == null ? "function" : service) + ".jar");
            }
            if (theJar == null) {
                throw new IllegalStateException("No jar: set jar(...) or use fromServerlessYml(...)");
            }
            theJar = theJar.toAbsolutePath().normalize();
            String theHandler = handler != null ? handler : fn == null ? null : fn.handler();
            if (theHandler == null || theHandler.isBlank()) {
                throw new IllegalStateException("No handler: set handler(...) or functions.<name>.handler in"
                        + " serverless.yml");
            }
            int memory = memoryMb != null ? memoryMb
                    : fn != null && fn.memoryMb() != null ? fn.memoryMb() : ServerlessYml.DEFAULT_MEMORY_MB;
            Duration theTimeout = timeout != null ? timeout
                    : Duration.ofSeconds(fn != null && fn.timeoutSeconds() != null ? fn.timeoutSeconds()
                    : ServerlessYml.DEFAULT_TIMEOUT_SECONDS);
            Map<String, String> env = new LinkedHashMap<>(fn == null ? Map.of() : fn.environment());
            env.putAll(environment);
            boolean snap = snapStart != null ? snapStart : fn != null && Boolean.TRUE.equals(fn.snapStart());
            Path home = (javaHome != null ? javaHome : Paths.get(System.getProperty("java.home"))).toAbsolutePath();
            LambdaJvm.javaExecutable(home);
            String name = functionName != null ? functionName : fn != null ? fn.name()
                    : theJar.getFileName().toString().replaceFirst("\\.jar$", "");
            String theRegion = region != null ? region
                    : fn != null && fn.region() != null ? fn.region() : ServerlessYml.DEFAULT_REGION;
            String runtime = fn != null && fn.runtime() != null ? fn.runtime()
                    : "java" + LambdaJvm.featureVersion(LambdaJvm.javaVersion(home));
            List<Path> classpath = runtimeClasspath != null ? runtimeClasspath
                    : LambdaJvm.runtimeClasspath(LocalLambda.class.getClassLoader());
            if (functionFirst) {
                List<Path> first = new ArrayList<>();
                first.add(theJar);
                first.addAll(classpath);
                classpath = List.copyOf(first);
            }
            Path dir = workDir != null ? workDir.toAbsolutePath() : theJar.getParent().resolve("brisk");
            return new Config(theJar, null, theHandler, memory, theTimeout, Map.copyOf(env), snap, home, jvmArgs,
                    name, theRegion, runtime, output, classpath, dir);
        }
    }
}
