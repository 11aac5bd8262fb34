package dev.brisk.deploy;

import dev.brisk.deploy.rules.CorsCredentials;
import dev.brisk.deploy.rules.EventBridgeTargets;
import dev.brisk.deploy.rules.LogRetention;
import dev.brisk.deploy.rules.NoLiteralSecrets;
import dev.brisk.deploy.rules.NoWildcardIam;
import dev.brisk.deploy.rules.OneRolePerFunction;
import dev.brisk.deploy.rules.SnapStartAlias;
import dev.brisk.deploy.rules.SqsConsumer;
import dev.brisk.deploy.rules.WarmUpSchedule;
import java.util.ArrayList;
import java.util.List;

/** The project's deployment policy: every rule a generated project's CloudFormation must pass, run on one template. */
public final class PolicyRules {

    private PolicyRules() {
    }

    public static List<PolicyRule> all() {
        return List.of(new NoWildcardIam(), new OneRolePerFunction(), new SqsConsumer(), new EventBridgeTargets(),
                new SnapStartAlias(), new WarmUpSchedule(), new CorsCredentials(), new LogRetention(),
                new NoLiteralSecrets());
    }

    public static List<PolicyRule.Violation> check(Template template, Expectations expected) {
        List<PolicyRule.Violation> violations = new ArrayList<>();
        for (PolicyRule rule : all()) {
            violations.addAll(rule.check(template, expected));
        }
        return violations;
    }
}
