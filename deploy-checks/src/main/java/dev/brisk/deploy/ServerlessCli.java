package dev.brisk.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The pinned open-source Serverless Framework (osls) of tools/serverless: installed from its lockfile on first
 * use (tools/serverless/install.mjs, a no-op when up to date), run with {@code node}, never with a global
 * {@code serverless}. Every run is offline and credential-free: the AWS variables of the caller are removed and
 * the shared config and credentials files point nowhere, so nothing can reach a real account.
 */
public final class ServerlessCli {

    /** System property naming tools/serverless; else it is searched upwards from the working directory. */
    public static final String TOOLS_PROPERTY = "brisk.serverless.tools";

    private static final Set<Path> INSTALLED = new HashSet<>();

    private final Path toolsDir;

    public ServerlessCli(Path toolsDir) {
        this.toolsDir = toolsDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.toolsDir.resolve("package-lock.json"))) {
            throw new IllegalArgumentException("no package-lock.json in " + this.toolsDir + ": not the pinned osls");
        }
    }

    /** The repository's tools/serverless, from {@value #TOOLS_PROPERTY} or found upwards from the working dir. */
    public static ServerlessCli pinned() {
        String configured = System.getProperty(TOOLS_PROPERTY, "");
        if (!configured.isBlank()) {
            return new ServerlessCli(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path tools = dir.resolve("tools/serverless");
            if (Files.isRegularFile(tools.resolve("package-lock.json"))) {
                return new ServerlessCli(tools);
            }
        }
        throw new IllegalStateException("tools/serverless not found: set -D" + TOOLS_PROPERTY);
    }

    public Path toolsDir() {
        return toolsDir;
    }

    /** npm ci of the lockfile unless node_modules already matches it; once per JVM. */
    public void ensureInstalled() {
        synchronized (INSTALLED) {
            if (INSTALLED.contains(toolsDir)) {
                return;
            }
            Result install = exec(toolsDir, List.of("node", toolsDir.resolve("install.mjs").toString()), Map.of(),
                    Duration.ofMinutes(20));
            if (install.exitCode() != 0) {
                throw new IllegalStateException("installing the pinned osls failed:\n" + install.output());
            }
            INSTALLED.add(toolsDir);
        }
    }

    /** Runs {@code serverless <args>} in a project folder. */
    public Result run(Path workDir, List<String> args, Map<String, String> extraEnv, Duration timeout) {
        ensureInstalled();
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(toolsDir.resolve("node_modules/osls/bin/serverless.js").toString());
        command.addAll(args);
        return exec(workDir, command, extraEnv, timeout);
    }

    private Result exec(Path workDir, List<String> command, Map<String, String> extraEnv, Duration timeout) {
        try {
            Path out = Files.createTempFile("brisk-osls-", ".out");
            Path err = Files.createTempFile("brisk-osls-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Map<String, String> env = pb.environment();
                env.clear();
                env.putAll(offlineEnvironment(System.getenv()));
                env.putAll(extraEnv);
                Process process = pb.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                            + ":\n" + Files.readString(out) + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /**
     * The caller's environment without any AWS setting, so `package` provably needs no account: a variable that
     * would resolve from AWS (${ssm:...}, ${aws:accountId}) fails instead of reaching whatever account the
     * developer is logged into. The schema-validation cache goes under node_modules instead of ~/.serverless.
     */
    Map<String, String> offlineEnvironment(Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>();
        inherited.forEach((k, v) -> {
            if (!k.startsWith("AWS_")) {
                env.put(k, v);
            }
        });
        Path nowhere = toolsDir.resolve("node_modules/.brisk-no-aws");
        env.put("AWS_SHARED_CREDENTIALS_FILE", nowhere.resolve("credentials").toString());
        env.put("AWS_CONFIG_FILE", nowhere.resolve("config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("SLS_SCHEMA_CACHE_BASE_DIR", toolsDir.resolve("node_modules/.cache").toString());
        env.put("NO_COLOR", "1");
        return env;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Exit code and the two output streams of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return (stdout + "\n" + stderr).strip();
        }
    }
}
