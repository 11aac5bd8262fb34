package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every log group has a retention (CloudWatch keeps logs forever by default, and bills for them), and every function
 * logs to a log group of this template: otherwise Lambda creates one on first use, with no retention.
 */
public final class LogRetention implements PolicyRule {

    @Override
    public String id() {
        return "log-retention";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        Map<String, JsonNode> groups = template.resourcesOfType("AWS::Logs::LogGroup");
        groups.forEach((id, group) -> {
            if (!group.path("Properties").has("RetentionInDays")) {
                violations.add(new Violation(id(), id, "has no RetentionInDays: logs are kept forever"));
            }
        });
        template.resourcesOfType("AWS::Lambda::Function").forEach((id, fn) -> {
            JsonNode props = fn.path("Properties");
            JsonNode configured = props.path("LoggingConfig").path("LogGroup");
            Optional<String> group;
            if (!configured.isMissingNode()) {
                group = Template.referencedId(configured).filter(groups::containsKey)
                        .or(() -> byName(groups, Template.render(configured)));
            } else {
                group = byName(groups, "/aws/lambda/" + Template.render(props.path("FunctionName")));
            }
            if (group.isEmpty()) {
                violations.add(new Violation(id(), id, "logs to a log group this template does not define, so"
                        + " Lambda creates it without retention"));
            }
        });
        return violations;
    }

    private static Optional<String> byName(Map<String, JsonNode> groups, String name) {
        return groups.entrySet().stream()
                .filter(g -> name.equals(Template.render(g.getValue().path("Properties").path("LogGroupName"))))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
