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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code serverless invoke local -f <fn> --path <event>} with the pinned osls: for Java runtimes the framework runs
 * the packaged jar through its own Java bridge (com.serverless.InvokeBridge), which it builds with Maven from
 * node_modules on first use. The bridge is built here first, under a file lock (same pom, same `mvn package`), so two
 * builds never write it at once; the JDK running this class runs the function.
 */
public final class ServerlessInvokeLocal {

    private static final String BRIDGE = "node_modules/osls/lib/plugins/aws/invoke-local/runtime-wrappers/java";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

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

    /** The response the framework printed for one event (its last stdout line: the bridge prints it last). */
    public String invoke(Path project, String function, Path event) {
        ensureBridge();
        ServerlessCli.Result result = cli.run(project, List.of("invoke", "local", "--function", function, "--path",
                event.toAbsolutePath().toString()), environment(), TIMEOUT);
        String[] lines = result.stdout().strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        // the bridge prints a failed invocation's stack trace instead of a response, and still exits 0
        if (result.exitCode() != 0 || last.isEmpty() || result.stderr().contains("at com.serverless.InvokeBridge")) {
            throw new ServerlessException("serverless invoke local -f " + function + " --path " + event.getFileName()
                    + " failed in " + project + " (exit " + result.exitCode() + ")", result.output());
        }
        return last;
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
