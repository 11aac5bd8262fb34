package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Every EventBridge rule target and Scheduler schedule target has a retry policy and a dead-letter queue (SQS), so
 * an event the function could not take is kept, not dropped. Exempt: a scheduled target whose input is the warm-up
 * payload, because a lost warm-up ping is harmless (the next comes minutes later) and its DLQ would only collect pings.
 */
public final class EventBridgeTargets implements PolicyRule {

    @Override
    public String id() {
        return "eventbridge";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        template.resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            JsonNode props = rule.path("Properties");
            boolean scheduled = props.has("ScheduleExpression");
            for (JsonNode target : props.path("Targets")) {
                if (!(scheduled && Warmers.isWarmUpInput(target.path("Input")))) {
                    check(id + " target " + target.path("Id").asText("?"), target, template, violations);
                }
            }
        });
        template.resourcesOfType("AWS::Scheduler::Schedule").forEach((id, schedule) -> {
            JsonNode target = schedule.path("Properties").path("Target");
            if (!Warmers.isWarmUpInput(target.path("Input"))) {
                check(id, target, template, violations);
            }
        });
        return violations;
    }

    private void check(String where, JsonNode target, Template template, List<Violation> violations) {
        JsonNode retry = target.path("RetryPolicy");
        if (!retry.has("MaximumRetryAttempts") && !retry.has("MaximumEventAgeInSeconds")) {
            violations.add(new Violation(id(), where, "has no RetryPolicy (MaximumRetryAttempts / MaximumEventAgeInSeconds)"));
        }
        JsonNode dlq = target.path("DeadLetterConfig").path("Arn");
        if (dlq.isMissingNode() || dlq.isNull()) {
            violations.add(new Violation(id(), where, "has no DeadLetterConfig: an event that cannot be delivered is lost"));
        } else {
            boolean sqs = Template.referencedId(dlq).map(q -> "AWS::SQS::Queue".equals(template.type(q)))
                    .orElse(Template.render(dlq).contains(":sqs:"));
            if (!sqs) {
                violations.add(new Violation(id(), where, "dead-letter target is not an SQS queue: " + Template.render(dlq)));
            }
        }
    }
}
