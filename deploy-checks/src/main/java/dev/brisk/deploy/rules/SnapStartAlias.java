package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import dev.brisk.deploy.Template.LambdaTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SnapStart is on exactly for the functions expected (serverless.yml's {@code snapStart}), and for those every
 * event source (HTTP integration, permission, queue mapping, rule and warm-up schedule target, ...) invokes the
 * published alias: SnapStart applies to published versions only, so anything calling $LATEST gets plain cold starts.
 */
public final class SnapStartAlias implements PolicyRule {

    /**
     * Resources that name a function without invoking it: the function itself, its versions and aliases, roles and
     * policies, log groups, alarms and dashboards. Every other reference to a function is an event source (or, for
     * an EventInvokeConfig, the retry and destination settings of what the event sources invoke).
     */
    private static final Set<String> NOT_EVENT_SOURCES = Set.of("AWS::Lambda::Function", "AWS::Lambda::Version",
            "AWS::Lambda::Alias", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard");
    /** Resources that name the function unqualified and carry the qualifier in a property of their own. */
    private static final Set<String> QUALIFIER_PROPERTY = Set.of("AWS::Lambda::Url", "AWS::Lambda::EventInvokeConfig");

    @Override
    public String id() {
        return "snapstart";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        Map<String, JsonNode> functions = template.resourcesOfType("AWS::Lambda::Function");
        functions.forEach((fn, resource) -> {
            boolean on = "PublishedVersions".equals(resource.path("Properties").path("SnapStart").path("ApplyOn").asText());
            Boolean want = expected.snapStart().get(fn);
            if (want == null) {
                violations.add(new Violation(id(), fn, "no expected SnapStart setting for this function"));
            } else if (want != on) {
                violations.add(new Violation(id(), fn, "SnapStart is " + (on ? "on" : "off") + " but serverless.yml says "
                        + (want ? "on" : "off")));
            }
        });
        template.resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            if (NOT_EVENT_SOURCES.contains(type) || type.startsWith("AWS::IAM::")) {
                return;
            }
            List<LambdaTarget> targets = new ArrayList<>();
            collect(template, resource.path("Properties"), targets);
            for (LambdaTarget target : targets) {
                LambdaTarget effective = qualified(type, resource, target);
                if (!snapStartOn(functions.get(effective.function()))) {
                    continue;
                }
                String problem = aliasProblem(template, effective);
                if (problem != null) {
                    violations.add(new Violation(id(), id, "invokes " + effective + " although SnapStart is on: " + problem));
                }
            }
        });
        return violations;
    }

    /** A function URL or async-invocation config carries its qualifier in a property of its own. */
    private static LambdaTarget qualified(String type, JsonNode resource, LambdaTarget target) {
        JsonNode qualifier = resource.path("Properties").path("Qualifier");
        if (QUALIFIER_PROPERTY.contains(type) && target.qualifier() == null && qualifier.isTextual()) {
            return new LambdaTarget(target.function(), qualifier.asText());
        }
        return target;
    }

    private static String aliasProblem(Template template, LambdaTarget target) {
        if (target.isLatest()) {
            return "event sources must target the published alias, not $LATEST";
        }
        if (LambdaTarget.VERSION.equals(target.qualifier())) {
            return "a fixed version is never updated; target the alias";
        }
        List<String> aliases = template.aliases(target.function(), target.qualifier());
        if (aliases.isEmpty()) {
            return "no AWS::Lambda::Alias named '" + target.qualifier() + "' exists for it";
        }
        JsonNode version = template.properties(aliases.get(0)).path("FunctionVersion");
        Optional<String> versionId = Template.referencedId(version)
                .filter(v -> "AWS::Lambda::Version".equals(template.type(v)));
        if (versionId.isEmpty() || !versionId.flatMap(template::functionOf).map(target.function()::equals).orElse(false)) {
            return "alias '" + target.qualifier() + "' does not point at a published version of the function";
        }
        return null;
    }

    private static boolean snapStartOn(JsonNode function) {
        return function != null
                && "PublishedVersions".equals(function.path("Properties").path("SnapStart").path("ApplyOn").asText());
    }

    /** Every function reference under a node; a resolved reference is not searched again inside. */
    private static void collect(Template template, JsonNode node, List<LambdaTarget> out) {
        Optional<LambdaTarget> target = template.lambdaTarget(node);
        if (target.isPresent()) {
            out.add(target.get());
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(template, child, out));
        }
    }
}
