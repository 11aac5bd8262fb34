package dev.brisk.archetypes.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.brisk.deploy.InvokeResponses;
import dev.brisk.deploy.ServerlessCli;
import dev.brisk.deploy.ServerlessException;
import dev.brisk.deploy.ServerlessInvokeLocal;
import dev.brisk.deploy.ServerlessYml;
import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import dev.brisk.runtime.image.ImageInvocation;
import dev.brisk.runtime.image.LambdaImage;
import dev.brisk.runtime.image.RunningImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The framework's own local runner and Brisk's agree: on the example project (scenario it-defaults, which is what
 * serverless-examples/ holds), every sample event of events/ gets the same outcome from {@code serverless invoke
 * local} (osls' Java bridge) and from brisk:invoke's Java API (the real Lambda RIC): the same response, UUIDs and
 * ISO-8601 timestamps the event does not hold masked (InvokeResponses), or the same exception class. Both run with one extra environment:
 * every AWS endpoint on a closed loopback port, so a handler that calls AWS fails fast alike and nothing leaves
 * the machine.
 *
 * <p>A function deployed as a container image ({@code image:} in serverless.yml) is the one exception: osls cannot
 * invoke an image locally, and says so (asserted, so that a framework that learns to will be noticed); the image the
 * project built (target/jib-image.tar) is then run from its layers instead, and must answer every event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvokeLocalCrossCheckIT {

    /** osls' refusal of image functions (lib/plugins/aws/invoke-local, INVOKE_LOCAL_IMAGE_BACKED_FUNCTIONS_NOT_SUPPORTED). */
    static final String OSLS_REFUSES_IMAGES = "Local invocation of lambdas pointing AWS ECR images is not supported";
    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s+image:\\s*\\S+\\s*$");

    private final List<String> answered = new ArrayList<>();
    private RunningImage image;
    private Map<String, String> offline;
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

    @BeforeAll
    void awsOnAClosedLoopbackPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        offline = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closed,
                "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void invokeLocalAnswersLikeBrisk(String event) throws IOException, InterruptedException {
        Path project = example();
        String function = ServerlessYml.read(project.resolve("serverless.yml")).functions().get(0);
        Path eventFile = project.resolve("events").resolve(event);
        String mavenHome = System.getProperty("brisk.mavenHome", "");
        ServerlessInvokeLocal osls = new ServerlessInvokeLocal(ServerlessCli.pinned(),
                Path.of(System.getProperty("java.home")), mavenHome.isBlank() ? null : Path.of(mavenHome));

        if (IMAGE.matcher(Files.readString(project.resolve("serverless.yml"))).find()) {
            ServerlessException refused = assertThrows(ServerlessException.class,
                    () -> osls.invoke(project, function, eventFile, offline), "osls invoked an image function");
            assertTrue(refused.output().contains(OSLS_REFUSES_IMAGES), refused.output());
            ImageInvocation fromImage = image(project).invoke(Files.readString(eventFile));
            assertFalse(fromImage.error(), "the image failed " + event + ": " + fromImage.body() + "\n" + image.output());
            answered.add(event);
            return;
        }
        ServerlessInvokeLocal.Outcome framework = osls.invoke(project, function, eventFile, offline);
        Invocation local = brisk(project, function).invoke(Files.readString(eventFile));

        String both = "\n  serverless invoke local: " + (framework.isError() ? framework.errorType() : framework.response())
                + "\n  brisk:                   " + local;
        if (framework.isError() || local.isError()) {
            assertTrue(framework.isError() && local.isError(), "one runner failed, the other did not:" + both
                    + (framework.isError() ? "\n" + framework.output() : ""));
            assertEquals(simpleName(local.errorType()), simpleName(framework.errorType()), "different failures:" + both);
        } else {
            String json = Files.readString(eventFile);
            assertEquals(InvokeResponses.normalize(local.response(), json), InvokeResponses.normalize(framework.response(), json),
                    "different responses to " + event + ":" + both);
            answered.add(event);
        }
    }

    /** One Brisk runtime for all events: warm invocations after the first, as brisk:invoke -Dbrisk.repeat does. */
    private LocalLambda brisk(Path project, String function) {
        if (brisk == null) {
            brisk = LocalLambda.fromServerlessYml(project.resolve("serverless.yml")).function(function)
                    .environment(offline).workDir(project.resolve("target/brisk-cross-check")).output(line -> { })
                    .build();
        }
        return brisk;
    }

    /** The project's image, unpacked and started once: warm invocations after the first. */
    private RunningImage image(Path project) {
        if (image == null) {
            try {
                image = LambdaImage.unpack(project.resolve("target/jib-image.tar"), project.resolve("target/cross-check-image"))
                        .start(512, List.of(), offline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return image;
    }

    @AfterAll
    void atLeastOneEventWasAnsweredByBoth() {
        if (brisk != null) {
            brisk.close();
        }
        if (image != null) {
            image.close();
        }
        if (answered.isEmpty()) {
            fail("no sample event of " + example().resolve("events") + " got a response from both runners: the"
                    + " cross-check compared failures only");
        }
    }

    private static String simpleName(String type) {
        return type == null ? "" : type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }
}
