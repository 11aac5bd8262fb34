package dev.brisk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brisk.deploy.PolicyRule.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule against small CloudFormation fixtures: passing ones pass, each failing one trips its rule. */
class PolicyRulesTest {

    @Test
    void snapStartConsumerWithEverySourceOnTheAliasPassesEveryRule() {
        Template template = Fixtures.template("passing/snapstart-consumer.json");

        List<Violation> violations = PolicyRules.check(template, Fixtures.expectations(template, "prod", true, true));

        assertEquals(List.of(), violations);
    }

    @Test
    void theHttpApiTemplateOslsPackagedForDevPassesEveryRule() {
        Template template = Fixtures.template("passing/osls-http-api-dev.json");

        List<Violation> violations = PolicyRules.check(template, Fixtures.dev(template, false));

        assertEquals(List.of(), violations);
    }

    /** A failure of each kind a user is most likely to write: each must make the whole policy (and so CI) fail. */
    @ParameterizedTest(name = "{0} fails the build through {1}")
    @CsvSource({
        "failing/iam-wildcard-resource.json,      iam-wildcard, false",
        "failing/iam-managed-policy-string.json,  iam-wildcard, false",
        "failing/sqs-missing-dlq.json,            sqs,          false",
        "failing/sqs-visibility-too-short.json,   sqs,          false",
        "failing/sqs-batching-window.json,        sqs,          false",
        "failing/snapstart-latest.json,           snapstart,    true",
    })
    void eachKindOfFailureFailsTheWholePolicy(String fixture, String rule, boolean snapStart) {
        Template template = Fixtures.template(fixture);

        List<Violation> violations = PolicyRules.check(template, Fixtures.dev(template, snapStart));

        assertTrue(violations.stream().anyMatch(v -> v.rule().equals(rule)), () -> fixture + " did not trip " + rule
                + ": " + violations);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "failing/iam-wildcard-resource.json | FnRole       | Resource '*' matches every resource",
        "failing/iam-wildcard-action.json   | FnPolicy     | Action 's3:*' allows every action",
        "failing/iam-wildcard-action.json   | FnPolicy     | Resource 'arn:${AWS::Partition}:s3:::*' matches every s3 resource",
        "failing/iam-logs-unscoped.json     | FnRole       | is not scoped to a function's log group",
    })
    void wildcardIamIsRefused(String fixture, String resource, String message) {
        assertViolation(new dev.brisk.deploy.rules.NoWildcardIam(), fixture, resource, message);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "failing/iam-managed-policy-string.json            | FnRole     | ManagedPolicyArns attaches the AWS-managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess)",
        "failing/iam-managed-policy-join.json              | FnRole     | ManagedPolicyArns attaches the AWS-managed policy PowerUserAccess (arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess)",
        "failing/iam-managed-policy-sub.json               | Uploader   | ManagedPolicyArns attaches the AWS-managed policy AmazonS3FullAccess",
        "failing/iam-managed-policy-sub-variables.json     | Operators  | ManagedPolicyArns attaches the AWS-managed policy IAMFullAccess",
        "failing/iam-managed-policy-if.json                | FnRole     | ManagedPolicyArns attaches the AWS-managed policy CloudWatchFullAccessV2",
        "failing/iam-managed-policy-permission-set.json    | Admins     | ManagedPolicies attaches the AWS-managed policy AdministratorAccess",
        "failing/iam-managed-policy-budget-action.json     | OverBudget | Definition.IamActionDefinition.PolicyArn attaches the AWS-managed policy AmazonDynamoDBFullAccess",
    })
    void awsManagedPoliciesThatAllowEverythingAreRefusedWhereverAttached(String fixture, String resource, String message) {
        assertViolation(new dev.brisk.deploy.rules.NoWildcardIam(), fixture, resource, message);
    }

    @Test
    void customerManagedPoliciesAndABoundaryAreNotRefused() {
        Template template = Fixtures.template("passing/iam-customer-managed-policies.json");

        List<Violation> violations = new dev.brisk.deploy.rules.NoWildcardIam().check(template, Fixtures.dev(template, false));

        assertEquals(List.of(), violations);
    }

    @Test
    void aStatementOfOnlyXRayWriteActionsMayUseEveryResource() {
        Template template = Fixtures.template("passing/iam-xray-writes.json");

        List<Violation> violations = new dev.brisk.deploy.rules.NoWildcardIam().check(template, Fixtures.dev(template, false));

        assertEquals(List.of(), violations);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "failing/iam-xray-service-wide.json    | Action 'xray:*' allows every action",
        "failing/iam-xray-service-wide.json    | Resource '*' matches every resource",
        "failing/iam-xray-beside-s3.json       | Resource '*' matches every resource: '*' is allowed only in a statement whose every action is one of [xray:PutTraceSegments",
        "failing/iam-xray-prefix-wildcard.json | Resource '*' matches every resource: '*' is allowed only in a statement whose every action is one of [xray:PutTraceSegments",
        "failing/iam-xray-read.json            | Resource '*' matches every resource: '*' is allowed only in a statement whose every action is one of [xray:PutTraceSegments",
        "failing/iam-logs-service-wide.json    | Action 'logs:*' allows every action",
        "failing/iam-logs-service-wide.json    | Resource '*' matches every resource",
    })
    void everyOtherWildcardBesideTheXRayExceptionIsStillRefused(String fixture, String message) {
        assertViolation(new dev.brisk.deploy.rules.NoWildcardIam(), fixture, "FnRole", message);
    }

    @Test
    void aRoleSharedByTwoFunctionsIsRefused() {
        assertViolation(new dev.brisk.deploy.rules.OneRolePerFunction(), "failing/iam-shared-role.json",
                "IamRoleLambdaExecution", "shared by [ApiLambdaFunction, WorkerLambdaFunction]");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "failing/sqs-missing-dlq.json          | Queue                            | has no RedrivePolicy",
        "failing/sqs-visibility-too-short.json | Queue                            | VisibilityTimeout 30 s is under 6 x the function timeout (10 s) = 60 s",
        "failing/sqs-batching-window.json      | Queue                            | VisibilityTimeout 60 s is under 6 x the function timeout (10 s) + MaximumBatchingWindowInSeconds (30 s) = 90 s",
        "failing/sqs-max-receive-low.json      | Queue                            | maxReceiveCount 1 is under 5",
        "failing/sqs-fifo-standard-dlq.json    | Queue                            | FIFO queue with a standard dead-letter queue Dlq",
        "failing/sqs-no-batch-failures.json    | WorkerEventSourceMappingSQSQueue | FunctionResponseTypes lacks ReportBatchItemFailures",
    })
    void unsafeQueueConsumersAreRefused(String fixture, String resource, String message) {
        assertViolation(new dev.brisk.deploy.rules.SqsConsumer(), fixture, resource, message);
    }

    @ParameterizedTest(name = "visibility {0} s with a 10 s timeout and a 30 s batching window: {1} violations")
    @CsvSource({"89, 1", "90, 0"})
    void theBatchingWindowCountsOnTopOfSixFunctionTimeouts(int visibility, int expected) {
        Template template = Fixtures.template("failing/sqs-batching-window.json");
        ((ObjectNode) template.properties("Queue")).put("VisibilityTimeout", visibility);

        List<Violation> violations = new dev.brisk.deploy.rules.SqsConsumer().check(template, Fixtures.dev(template, false));

        assertEquals(expected, violations.size(), violations::toString);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "failing/eventbridge-no-dlq.json   | WorkerEventBridgeRule target worker | has no DeadLetterConfig",
        "failing/eventbridge-no-retry.json | JobSchedule                         | has no RetryPolicy",
    })
    void eventBridgeTargetsWithoutRetryOrDlqAreRefused(String fixture, String resource, String message) {
        assertViolation(new dev.brisk.deploy.rules.EventBridgeTargets(), fixture, resource, message);
    }

    @Test
    void everyEventSourceOnLatestIsRefusedWhenSnapStartIsOn() {
        Template template = Fixtures.template("failing/snapstart-latest.json");

        List<Violation> violations = new dev.brisk.deploy.rules.SnapStartAlias().check(template, Fixtures.dev(template, true));

        assertEquals(List.of("WorkerEventSourceMappingSQSQueue", "WorkerWarmUpRule", "WorkerLambdaEvConf"),
                violations.stream().map(Violation::resource).toList(), violations::toString);
        assertTrue(violations.get(0).message().contains("WorkerLambdaFunction at $LATEST"), violations::toString);
    }

    @Test
    void snapStartMustBeExactlyWhatServerlessYmlSays() {
        Template template = Fixtures.template("passing/snapstart-consumer.json");

        List<Violation> on = new dev.brisk.deploy.rules.SnapStartAlias()
                .check(template, Fixtures.expectations(template, "prod", false, true));
        Template off = Fixtures.template("passing/osls-http-api-dev.json");
        List<Violation> missing = new dev.brisk.deploy.rules.SnapStartAlias().check(off, Fixtures.dev(off, true));
        List<Violation> unknown = new dev.brisk.deploy.rules.SnapStartAlias()
                .check(off, new Expectations("dev", Map.of(), false));

        assertEquals(List.of("[snapstart] WorkerLambdaFunction: SnapStart is on but serverless.yml says off"),
                on.stream().map(Violation::toString).toList());
        assertEquals(List.of("[snapstart] ApiLambdaFunction: SnapStart is off but serverless.yml says on"),
                missing.stream().map(Violation::toString).toList());
        assertEquals(List.of("[snapstart] ApiLambdaFunction: no expected SnapStart setting for this function"),
                unknown.stream().map(Violation::toString).toList());
    }

    @Test
    void aScheduleWithoutTheWarmUpPayloadIsNoWarmUp() {
        assertViolation(new dev.brisk.deploy.rules.WarmUpSchedule(), "failing/warmup-missing.json", "ApiLambdaFunction",
                "no schedule sends it the warm-up payload {\"warmer\":true}");
    }

    @Test
    void warmUpMustBeOffWhereTheStageSaysOffAndOnWhereItSaysOn() {
        Template prodTemplate = Fixtures.template("passing/snapstart-consumer.json");
        Template devTemplate = Fixtures.template("passing/osls-http-api-dev.json");

        List<Violation> enabledInDev = new dev.brisk.deploy.rules.WarmUpSchedule()
                .check(prodTemplate, Fixtures.expectations(prodTemplate, "dev", true, false));
        List<Violation> disabledInProd = new dev.brisk.deploy.rules.WarmUpSchedule()
                .check(devTemplate, Fixtures.expectations(devTemplate, "prod", false, true));

        assertEquals(List.of("[warm-up] WorkerWarmUpRule: warm-up is enabled in stage 'dev' where it must be disabled"),
                enabledInDev.stream().map(Violation::toString).toList());
        assertEquals(List.of("[warm-up] ApiEventsRuleSchedule1: warm-up is disabled in stage 'prod' where it must be enabled"),
                disabledInProd.stream().map(Violation::toString).toList());
    }

    @Test
    void corsWithEveryOriginAndCredentialsIsRefused() {
        assertViolation(new dev.brisk.deploy.rules.CorsCredentials(), "failing/cors-wildcard-credentials.json", "HttpApi",
                "allows origin '*' together with credentials");
    }

    @Test
    void logGroupsWithoutRetentionAreRefused() {
        Template template = Fixtures.template("failing/log-retention-missing.json");

        List<Violation> violations = new dev.brisk.deploy.rules.LogRetention().check(template, Fixtures.dev(template, false));

        assertEquals(List.of("ApiLogGroup", "WorkerLambdaFunction"), violations.stream().map(Violation::resource).toList(),
                violations::toString);
    }

    @Test
    void literalSecretsAreRefusedAndReferencesAllowed() {
        Template template = Fixtures.template("failing/secret-literal.json");

        List<Violation> violations = new dev.brisk.deploy.rules.NoLiteralSecrets().check(template, Fixtures.dev(template, false));

        List<String> messages = violations.stream().map(Violation::message).toList();
        assertEquals(2, messages.size(), messages::toString);
        assertTrue(messages.get(0).contains("DB_PASSWORD"), messages::toString);
        assertTrue(messages.get(1).contains("githubToken"), messages::toString);
        assertFalse(messages.toString().contains("API_KEY_SECRET_ARN"), messages::toString);
    }

    private static void assertViolation(PolicyRule rule, String fixture, String resource, String message) {
        Template template = Fixtures.template(fixture);

        List<Violation> violations = rule.check(template, Fixtures.dev(template, false));

        assertTrue(violations.stream().anyMatch(v -> v.resource().equals(resource) && v.message().contains(message)),
                () -> fixture + ": expected [" + rule.id() + "] " + resource + ": " + message + ", got " + violations);
    }
}
