package dev.brisk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.deploy.PolicyRule.Violation;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pinned osls on fixture projects: schema errors fail, a good project passes cfn-lint and every rule. */
class ServerlessPackageTest {

    private final ServerlessPackage osls = new ServerlessPackage(ServerlessCli.pinned());

    @Test
    void anUnknownServerlessYmlPropertyFailsPackaging() {
        var project = FixtureProjects.prepare("typo");

        ServerlessException failure = assertThrows(ServerlessException.class, () -> osls.packageProject(project, "dev"));

        assertTrue(failure.output().contains("Configuration error at 'provider': unrecognized property 'memorySzie'"),
                failure::getMessage);
    }

    @Test
    void aProjectThatOnlyWarnsOnUnknownPropertiesIsRefused() {
        var project = FixtureProjects.prepare("warn-mode");

        ServerlessException failure = assertThrows(ServerlessException.class, () -> osls.packageProject(project, "dev"));

        assertTrue(failure.getMessage().contains("must set configValidationMode: error (it is 'warn')"),
                failure::getMessage);
    }

    @Test
    void aWildcardIamStatementInServerlessYmlFailsThePolicy() {
        var project = FixtureProjects.prepare("wildcard-iam");

        Packaged packaged = osls.packageProject(project, "dev");
        List<Violation> violations = PolicyRules.check(packaged.cloudFormation(),
                new Expectations("dev", Map.of("FnLambdaFunction", false), false));

        assertEquals(List.of("[iam-wildcard] IamRoleLambdaExecution: Resource '*' matches every resource"),
                violations.stream().map(Violation::toString).toList());
    }

    @Test
    void awsManagedPoliciesThatAllowEverythingInServerlessYmlFailThePolicy() {
        var project = FixtureProjects.prepare("managed-admin-policy");

        Packaged packaged = osls.packageProject(project, "dev");
        List<Violation> violations = PolicyRules.check(packaged.cloudFormation(),
                new Expectations("dev", Map.of("FnLambdaFunction", false), false));

        String fix = "), which allows '*' actions or resources: name the actions and resources needed in a statement instead";
        assertEquals(List.of(
                "[iam-wildcard] IamRoleLambdaExecution: ManagedPolicyArns attaches the AWS-managed policy AdministratorAccess"
                        + " (arn:aws:iam::aws:policy/AdministratorAccess" + fix,
                "[iam-wildcard] IamRoleLambdaExecution: ManagedPolicyArns attaches the AWS-managed policy AmazonS3FullAccess"
                        + " (arn:${AWS::Partition}:iam::aws:policy/AmazonS3FullAccess" + fix),
                violations.stream().map(Violation::toString).toList());
    }

    @Test
    void tracingInServerlessYmlPassesThePolicyThroughTheXRayException() {
        var project = FixtureProjects.prepare("xray-tracing");

        Packaged packaged = osls.packageProject(project, "dev");
        List<Violation> violations = PolicyRules.check(packaged.cloudFormation(),
                new Expectations("dev", Map.of("FnLambdaFunction", false), false));

        assertTrue(packaged.cloudFormation().root().toString().contains("\"xray:PutTraceSegments\""),
                "osls granted the X-Ray write actions");
        assertEquals(List.of(), violations);
    }

    @Test
    void aSnapStartQueueWorkerPackagesCleanlyInBothStages() {
        var project = FixtureProjects.prepare("queue-worker");

        Packaged dev = osls.packageProject(project, "dev");
        Packaged prod = osls.packageProject(project, "prod");
        Map<Packaged, List<CfnLint.Finding>> lint = new CfnLint().lint(List.of(dev, prod));

        for (Packaged packaged : List.of(dev, prod)) {
            String stage = packaged.stage();
            assertTrue(Files.isRegularFile(project.resolve("target/serverless/" + stage
                    + "/cloudformation-template-update-stack.json")), "template kept under target/");
            assertEquals(Map.of("worker", "WorkerLambdaFunction"), packaged.functionLogicalIds());
            assertEquals(Set.of("WorkQueue", "WorkDlq", "OutboxQueue", "EventsDlq", "EventsDlqPolicy"),
                    packaged.declaredResources());
            assertEquals("eu-west-1", packaged.region());
            assertEquals(List.of(), lint.get(packaged), stage + ": cfn-lint");
            assertEquals(List.of(), PolicyRules.check(packaged.cloudFormation(),
                    new Expectations(stage, Map.of("WorkerLambdaFunction", true), "prod".equals(stage))), stage);
        }
    }
}
