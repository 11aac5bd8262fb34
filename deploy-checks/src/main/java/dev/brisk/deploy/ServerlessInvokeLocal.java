package dev.brisk.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serverless invoke local -f <fn> --path <event>} with the pinned osls: for Java runtimes the framework runs
 * the packaged jar through its own Java bridge (com.serverless.InvokeBridge), which it builds with Maven from
 * node_modules on first use. The bridge is built here first, under a file lock (same pom, same `mvn package`), so two
 * builds never write it at once; the JDK running this class runs the function.
 */
public final class ServerlessInvokeLocal {

    private static final String BRIDGE = "node_modules/osls/lib/plugins/aws/invoke-local/runtime-wrappers/java";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern THROWN = Pattern.compile("([\\w.$]+(?:Exception|Error|Throwable))(?::.*)?");
    private static final Pattern CAUSED_BY = Pattern.compile("Caused by: ([\\w.$]+)(?::.*)?");
    private static final Pattern STACK_LINE = Pattern.compile("at .+|\\.\\.\\. \\d+ more|Caused by: .+|[\\w.$]+(?:Exception|Error)(?::.*)?");

    private final ServerlessCli cli;
    private final Path javaHome;
    private final Path mavenHome;

    /**
     * @param javaHome  the JDK that runs the function (its java on PATH first)
     * @param mavenHome a Maven to build the bridge with (its bin/mvn); null to use mvn on PATH
     */
    public ServerlessInvokeLocal(ServerlessCli cli, Path javaHome, Path mavenHome) {
        this.cli = cli;
        this.javaHome = javaHome.toAbsolutePath();
        this.mavenHome = mavenHome;
    }

    /**
     * One event through the framework's runner. A handler that throws is an outcome (the bridge prints the stack
     * trace instead of a response); osls itself failing (no artifact, a bad serverless.yml) is an exception.
     *
     * @param extraEnv variables for the function's JVM, on top of what osls sets
     */
    public Outcome invoke(Path project, String function, Path event, Map<String, String> extraEnv) {
        ensureBridge();
        Map<String, String> env = new HashMap<>(environment());
        env.putAll(extraEnv);
        ServerlessCli.Result result = cli.run(project, List.of("invoke", "local", "--function", function, "--path",
                event.toAbsolutePath().toString()), env, TIMEOUT);
        // osls writes the bridge's stdout and stderr both to its stdout: a response is the last line, a thrown
        // exception leaves the bridge's stack trace there instead
        String[] lines = result.stdout().strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        if (STACK_LINE.matcher(last).matches()) {
            String thrown = thrownByHandler(result.stdout());
            if (thrown != null) {
                return new Outcome(null, thrown, result.output());
            }
        }
        if (result.exitCode() != 0 || last.isEmpty()) {
            throw new ServerlessException("serverless invoke local -f " + function + " --path " + event.getFileName()
                    + " failed in " + project + " (exit " + result.exitCode() + ")", result.output());
        }
        return new Outcome(last, null, result.output());
    }

    /**
     * The exception a handler threw, from the last stack trace osls' bridge printed (a reflective call's
     * InvocationTargetException, caused by the handler's own; or the constructor's own exception), or null when the
     * output ends in no stack trace through the bridge.
     */
    static String thrownByHandler(String output) {
        String[] lines = output.split("\\R");
        int bridgeFrame = -1;
        for (int i = lines.length - 1; i >= 0 && bridgeFrame < 0; i--) {
            if (lines[i].contains("at com.serverless.InvokeBridge")) {
                bridgeFrame = i;
            }
        }
        if (bridgeFrame < 0) {
            return null;
        }
        int header = bridgeFrame;
        while (header >= 0 && !THROWN.matcher(lines[header]).matches()) {
            header--;
        }
        if (header < 0) {
            return "unknown";
        }
        Matcher top = THROWN.matcher(lines[header]);
        top.matches();
        if (!"java.lang.reflect.InvocationTargetException".equals(top.group(1))) {
            return top.group(1);
        }
        for (int i = bridgeFrame; i < lines.length; i++) {
            Matcher cause = CAUSED_BY.matcher(lines[i]);
            if (cause.matches()) {
                return cause.group(1);
            }
        }
        return top.group(1);
    }

    /** What the framework's runner answered: a response, or the class of the exception the handler threw. */
    public record Outcome(String response, String errorType, String output) {
        public boolean isError() {
            return errorType != null;
        }
    }

    private Map<String, String> environment() {
        String path = javaHome.resolve("bin") + java.io.File.pathSeparator
                + (mavenHome != null ? mavenHome.resolve("bin") + java.io.File.pathSeparator : "")
                + System.getenv().getOrDefault("PATH", "");
        return Map.of("PATH", path, "JAVA_HOME", javaHome.toString());
    }

    /** Builds osls' Java bridge unless it is there; serialised across processes by a lock file. */
    void ensureBridge() {
        cli.ensureInstalled();
        Path bridge = cli.toolsDir().resolve(BRIDGE);
        Path jar = bridge.resolve("target/invoke-bridge-1.0.1.jar");
        if (Files.isRegularFile(jar)) {
            return;
        }
        Path lockFile = cli.toolsDir().resolve(".bridge-build.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            if (Files.isRegularFile(jar)) {
                return;
            }
            String mvn = mavenHome != null ? mavenHome.resolve("bin/mvn").toString() : "mvn";
            List<String> command = new ArrayList<>(List.of(mvn, "-B", "-q", "package", "-DskipTests", "-f",
                    bridge.resolve("pom.xml").toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(bridge.toFile()).redirectErrorStream(true)
                    .redirectOutput(cli.toolsDir().resolve("node_modules/.bridge-build.log").toFile());
            pb.environment().putAll(environment());
            Process process = pb.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("building osls' Java bridge failed: " + command + "\n"
                        + Files.readString(cli.toolsDir().resolve("node_modules/.bridge-build.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build osls' Java bridge in " + bridge, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
