package dev.brisk.archetypes.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brisk.deploy.CfnLint;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.Packaged;
import dev.brisk.deploy.PolicyRules;
import dev.brisk.deploy.ServerlessCli;
import dev.brisk.deploy.ServerlessPackage;
import dev.brisk.deploy.ServerlessYml;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated project, in every stage, as it would deploy: serverless.yml packaged by the pinned osls
 * (configValidationMode error: an unknown property fails), the CloudFormation linted by cfn-lint, then every
 * policy rule of brisk-deploy-checks. Each project is packaged once per stage (two at a time), and all templates
 * go to one cfn-lint run; the templates stay in the project's target/serverless/&lt;stage&gt;/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentChecksIT {

    static final List<String> STAGES = List.of("dev", "prod");
    /** Warm-up pings cost invocations: on in prod, off in every other stage (params.prod.warmupEnabled). */
    static final List<String> WARM_STAGES = List.of("prod");

    private static final Pattern SNAPSTART_DEFAULT = Pattern.compile(
            "<requiredProperty key=\"snapStart\">\\s*<defaultValue>(true|false)</defaultValue>");

    private final Map<String, Packaged> packaged = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failed = new ConcurrentHashMap<>();
    private Map<Packaged, List<CfnLint.Finding>> lint = Map.of();
    private RuntimeException lintFailure;

    static Stream<Arguments> projectsAndStages() {
        return GeneratedProjects.all().stream().flatMap(p -> STAGES.stream().map(s -> Arguments.of(named(p), s)));
    }

    static Stream<Named<Path>> projects() {
        return GeneratedProjects.all().stream().map(DeploymentChecksIT::named);
    }

    /** A project shown by its scenario (it-defaults), not its long path. */
    private static Named<Path> named(Path project) {
        return Named.of(project.getParent().getParent().getFileName().toString(), project);
    }

    @BeforeAll
    void packageEveryProjectInEveryStage() throws InterruptedException {
        ServerlessPackage osls = new ServerlessPackage(ServerlessCli.pinned());
        List<Future<?>> running = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Path project : GeneratedProjects.all()) {
                // osls writes the project's .serverless/ whatever the stage: a project's stages one after
                // the other, two projects at a time
                running.add(pool.submit(() -> {
                    for (String stage : STAGES) {
                        try {
                            packaged.put(key(project, stage), osls.packageProject(project, stage));
                        } catch (RuntimeException e) {
                            failed.put(key(project, stage), e);
                        }
                    }
                }));
            }
            for (Future<?> task : running) {
                try {
                    task.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        try {
            lint = new CfnLint().lint(new ArrayList<>(packaged.values()));
        } catch (RuntimeException e) {
            lintFailure = e;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("projectsAndStages")
    void serverlessPackageAcceptsTheProject(Path project, String stage) {
        packaged(project, stage);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("projectsAndStages")
    void cfnLintFindsNoErrorOrWarning(Path project, String stage) {
        Packaged p = packaged(project, stage);
        if (lintFailure != null) {
            throw lintFailure;
        }
        assertEquals(List.of(), lint.get(p), "cfn-lint on " + p.template() + " (ignored on framework resources: "
                + CfnLint.FRAMEWORK_IGNORES + ")");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("projectsAndStages")
    void everyPolicyRuleHolds(Path project, String stage) {
        Packaged p = packaged(project, stage);
        Map<String, Boolean> snapStart = new LinkedHashMap<>();
        Map<String, String> logicalIds = p.functionLogicalIds();
        ServerlessYml.read(project.resolve("serverless.yml")).snapStart()
                .forEach((fn, on) -> snapStart.put(logicalIds.get(fn), on));

        var violations = PolicyRules.check(p.cloudFormation(), new Expectations(stage, snapStart, WARM_STAGES.contains(stage)));

        assertEquals(List.of(), violations.stream().map(Object::toString).toList(), "policy of " + p.template());
    }

    /** The SnapStart a template is checked against (serverless.yml) is what the scenario asked the archetype for. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("projects")
    void serverlessYmlSnapStartIsTheScenarioSetting(Path project) throws IOException {
        Path scenario = project.getParent().getParent();
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(scenario.resolve("archetype.properties"))) {
            properties.load(in);
        }
        String wanted = properties.getProperty("snapStart", archetypeDefault());
        Map<String, Boolean> written = ServerlessYml.read(project.resolve("serverless.yml")).snapStart();
        if (wanted == null) {
            return; // an archetype without a snapStart property: serverless.yml alone decides
        }
        written.forEach((fn, on) -> assertEquals(Boolean.parseBoolean(wanted), on, "functions." + fn + ".snapStart of "
                + project + " against snapStart=" + wanted + " of " + scenario.getFileName()));
    }

    /** The archetype's default snapStart, from its descriptor in target/classes; null when it has none. */
    private static String archetypeDefault() throws IOException {
        Path descriptor = GeneratedProjects.projectsDir().resolve("../../classes/META-INF/maven/archetype-metadata.xml")
                .normalize();
        Matcher m = SNAPSTART_DEFAULT.matcher(Files.readString(descriptor));
        return m.find() ? m.group(1) : null;
    }

    private Packaged packaged(Path project, String stage) {
        RuntimeException failure = failed.get(key(project, stage));
        if (failure != null) {
            throw failure;
        }
        return packaged.get(key(project, stage));
    }

    private static String key(Path project, String stage) {
        return project + "|" + stage;
    }
}
