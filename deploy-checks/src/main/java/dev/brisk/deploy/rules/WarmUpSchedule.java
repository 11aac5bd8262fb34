package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import dev.brisk.deploy.Template.LambdaTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every function has a warm-up schedule (an EventBridge schedule rule or a Scheduler schedule) whose input is the
 * warm-up payload {"warmer": true}, enabled exactly in the stages where warm-up is meant to be on; a rule also needs
 * the Lambda permission that lets EventBridge invoke that same target, or it fires into nothing.
 */
public final class WarmUpSchedule implements PolicyRule {

    @Override
    public String id() {
        return "warm-up";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        for (String fn : template.resourcesOfType("AWS::Lambda::Function").keySet()) {
            int found = 0;
            for (var rule : template.resourcesOfType("AWS::Events::Rule").entrySet()) {
                JsonNode props = rule.getValue().path("Properties");
                if (!props.has("ScheduleExpression")) {
                    continue;
                }
                for (JsonNode target : props.path("Targets")) {
                    Optional<LambdaTarget> invoked = template.lambdaTarget(target.path("Arn"));
                    if (invoked.isEmpty() || !invoked.get().function().equals(fn) || !Warmers.isWarmUpInput(target.path("Input"))) {
                        continue;
                    }
                    found++;
                    checkState(rule.getKey(), props, expected, violations);
                    if (!permitted(template, rule.getKey(), invoked.get())) {
                        violations.add(new Violation(id(), rule.getKey(), "no AWS::Lambda::Permission lets events.amazonaws.com"
                                + " invoke " + invoked.get() + " from this rule"));
                    }
                }
            }
            for (var schedule : template.resourcesOfType("AWS::Scheduler::Schedule").entrySet()) {
                JsonNode props = schedule.getValue().path("Properties");
                JsonNode target = props.path("Target");
                Optional<LambdaTarget> invoked = template.lambdaTarget(target.path("Arn"));
                if (invoked.isPresent() && invoked.get().function().equals(fn) && Warmers.isWarmUpInput(target.path("Input"))) {
                    found++;
                    checkState(schedule.getKey(), props, expected, violations);
                }
            }
            if (found == 0) {
                violations.add(new Violation(id(), fn, "no schedule sends it the warm-up payload " + Warmers.PAYLOAD));
            }
        }
        return violations;
    }

    private void checkState(String id, JsonNode props, Expectations expected, List<Violation> violations) {
        boolean enabled = "ENABLED".equals(props.path("State").asText("ENABLED"));
        if (enabled != expected.warmupEnabled()) {
            violations.add(new Violation(id(), id, "warm-up is " + (enabled ? "enabled" : "disabled") + " in stage '"
                    + expected.stage() + "' where it must be " + (expected.warmupEnabled() ? "enabled" : "disabled")));
        }
    }

    private static boolean permitted(Template template, String rule, LambdaTarget invoked) {
        for (JsonNode permission : template.resourcesOfType("AWS::Lambda::Permission").values()) {
            JsonNode p = permission.path("Properties");
            if ("events.amazonaws.com".equals(p.path("Principal").asText())
                    && Template.referencedId(p.path("SourceArn")).map(rule::equals).orElse(false)
                    && template.lambdaTarget(p.path("FunctionName")).map(invoked::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
