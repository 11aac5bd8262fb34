package dev.brisk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code serverless package --stage <stage> --package <dir>} of a project with the pinned osls, offline and
 * without credentials. The CloudFormation template (update-stack: the whole stack) and the framework's state are
 * kept in the project's target/serverless/&lt;stage&gt;/ for the checks and for anyone reading a failure.
 */
public final class ServerlessPackage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final ServerlessCli cli;

    public ServerlessPackage(ServerlessCli cli) {
        this.cli = cli;
    }

    /** Packages into {@code <project>/target/serverless/<stage>}. */
    public Packaged packageProject(Path project, String stage) {
        return packageProject(project, stage, project.resolve("target/serverless").resolve(stage));
    }

    public Packaged packageProject(Path project, String stage, Path outDir) {
        Path dir = outDir.toAbsolutePath();
        deleteRecursively(dir);
        ServerlessCli.Result result = cli.run(project, List.of("package", "--stage", stage, "--package", dir.toString()),
                Map.of(), TIMEOUT);
        if (result.exitCode() != 0) {
            throw new ServerlessException("serverless package --stage " + stage + " failed in " + project
                    + " (exit " + result.exitCode() + ")", result.output());
        }
        try {
            Path template = dir.resolve("cloudformation-template-update-stack.json");
            JsonNode state = JSON.readTree(dir.resolve("serverless-state.json").toFile());
            String mode = state.path("service").path("configValidationMode").asText("warn");
            if (!"error".equals(mode)) {
                throw new ServerlessException(project.resolve("serverless.yml") + " must set configValidationMode: error"
                        + " (it is '" + mode + "'), so that an unknown property fails the build", result.output());
            }
            return new Packaged(project, stage, dir, template, JSON.readTree(template.toFile()), state,
                    result.output());
        } catch (IOException e) {
            throw new UncheckedIOException("osls succeeded but left no readable template in " + dir, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
