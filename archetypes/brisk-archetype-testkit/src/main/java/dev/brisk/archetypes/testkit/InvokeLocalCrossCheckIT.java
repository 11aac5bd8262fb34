package dev.brisk.archetypes.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.brisk.deploy.InvokeResponses;
import dev.brisk.deploy.ServerlessCli;
import dev.brisk.deploy.ServerlessInvokeLocal;
import dev.brisk.deploy.ServerlessYml;
import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The framework's own local runner and Brisk's agree: on the example project (scenario it-defaults, which is what
 * serverless-examples/ holds), every sample event of events/ gives the same response from {@code serverless invoke
 * local} (osls' Java bridge) and from brisk:invoke's Java API (the real Lambda RIC). UUIDs and ISO-8601 timestamps
 * are masked before comparing (see InvokeResponses); nothing else is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvokeLocalCrossCheckIT {

    private LocalLambda brisk;

    static Path example() {
        return GeneratedProjects.scenario("it-defaults");
    }

    static List<String> events() {
        try (Stream<Path> files = Files.list(example().resolve("events"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no sample events in " + example().resolve("events"));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void invokeLocalAnswersLikeBrisk(String event) throws IOException {
        Path project = example();
        String function = ServerlessYml.read(project.resolve("serverless.yml")).functions().get(0);
        Path eventFile = project.resolve("events").resolve(event);
        String mavenHome = System.getProperty("brisk.mavenHome", "");
        ServerlessInvokeLocal osls = new ServerlessInvokeLocal(ServerlessCli.pinned(), Path.of(System.getProperty("java.home")),
                mavenHome.isBlank() ? null : Path.of(mavenHome));

        String framework = osls.invoke(project, function, eventFile);
        Invocation local = brisk(project, function).invoke(Files.readString(eventFile));

        assertFalse(local.isError(), () -> "brisk: " + local);
        assertEquals(InvokeResponses.normalize(local.response()), InvokeResponses.normalize(framework),
                "serverless invoke local vs brisk on " + event + "\n  osls:  " + framework + "\n  brisk: " + local.response());
    }

    /** One Brisk runtime for all events: warm invocations after the first, as brisk:invoke -Dbrisk.repeat does. */
    private LocalLambda brisk(Path project, String function) {
        if (brisk == null) {
            brisk = LocalLambda.fromServerlessYml(project.resolve("serverless.yml")).function(function)
                    .workDir(project.resolve("target/brisk-cross-check")).output(line -> { }).build();
        }
        return brisk;
    }

    @AfterAll
    void stop() {
        if (brisk != null) {
            brisk.close();
        }
    }
}
