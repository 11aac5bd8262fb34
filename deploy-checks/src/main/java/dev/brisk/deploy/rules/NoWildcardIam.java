package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No Allow statement grants every action ({@code *}, {@code service:*}, NotAction) or every resource ({@code *},
 * an ARN whose name is {@code *}, NotResource), and no AWS-managed policy that does so (AdministratorAccess,
 * PowerUserAccess, any FullAccess) is attached, however the template writes its ARN. Two exceptions:
 * <ul>
 *   <li>the log permissions the framework writes, when they name only the log groups of the functions using the role
 *   ({@code log-group:/aws/lambda/<service>-<stage>*});</li>
 *   <li>X-Ray's trace upload and sampling actions on {@code *}, because they take no resource ARN
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html), when every action of
 *   the statement is one of them, listed by name: {@code xray:*} or a neighbour from another service still fails.</li>
 * </ul>
 * Deny statements only narrow, so they are not checked (osls' deployment bucket policy denies {@code s3:*}).
 * Customer-managed policies are checked through their documents when the template defines them.
 */
public final class NoWildcardIam implements PolicyRule {

    private static final Pattern SERVICE_WIDE = Pattern.compile("[A-Za-z0-9-]+:\\*");
    private static final Pattern INTRINSIC = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("^[A-Za-z0-9-]+[/:]");
    private static final String LAMBDA_LOG_GROUPS = "/aws/lambda/";
    /** arn:<partition>:iam::aws:policy/[path/]Name, with intrinsics already replaced: an AWS-managed policy. */
    private static final Pattern AWS_MANAGED = Pattern.compile("arn:[^:]+:iam::aws:policy/(?:.*/)?([^/]+)");
    private static final List<String> XRAY_WITHOUT_RESOURCES = List.of("xray:PutTraceSegments",
            "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "xray:GetSamplingStatisticSummaries");

    @Override
    public String id() {
        return "iam-wildcard";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        Map<String, JsonNode> functions = template.resourcesOfType("AWS::Lambda::Function");
        List<Violation> violations = new ArrayList<>();
        for (Iam.Document doc : Iam.documents(template)) {
            for (JsonNode statement : Iam.statements(doc.document())) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                if (statement.has("NotAction") || statement.has("NotResource")) {
                    violations.add(violation(doc, "an Allow with NotAction/NotResource grants everything else"));
                }
                List<String> actions = new ArrayList<>();
                Iam.values(statement.path("Action")).forEach(a -> actions.add(a.asText()));
                for (String action : actions) {
                    if ("*".equals(action) || SERVICE_WIDE.matcher(action).matches()) {
                        violations.add(violation(doc, "Action '" + action + "' allows every action"));
                    }
                }
                for (JsonNode resource : Iam.values(statement.path("Resource"))) {
                    String arn = Template.render(resource);
                    String problem = "*".equals(arn) ? everyResource(actions)
                            : wildcard(arn, actions, doc, functions, expected.stage());
                    if (problem != null) {
                        violations.add(violation(doc, "Resource '" + arn + "' " + problem));
                    }
                }
            }
        }
        for (Iam.Attachment attached : Iam.managedPolicies(template)) {
            Matcher managed = AWS_MANAGED.matcher(INTRINSIC.matcher(attached.arn()).replaceAll("X"));
            if (managed.matches() && allowsEverything(managed.group(1))) {
                violations.add(new Violation(id(), attached.resource(), attached.property() + " attaches the AWS-managed"
                        + " policy " + managed.group(1) + " (" + attached.arn() + "), which allows '*' actions or"
                        + " resources: name the actions and resources needed in a statement instead"));
            }
        }
        return violations;
    }

    /** Administrators, power users and every service's FullAccess (with its suffixes: CloudWatchFullAccessV2). */
    private static boolean allowsEverything(String awsManagedPolicy) {
        String name = awsManagedPolicy.toLowerCase(Locale.ROOT);
        return name.startsWith("administratoraccess") || name.equals("poweruseraccess") || name.contains("fullaccess");
    }

    /** Resource '*': refused unless every action of the statement is an X-Ray action that takes no resource. */
    private static String everyResource(List<String> actions) {
        boolean xray = actions.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("xray:"));
        if (!xray) {
            return "matches every resource";
        }
        boolean onlyXray = actions.stream().allMatch(a -> XRAY_WITHOUT_RESOURCES.stream().anyMatch(a::equalsIgnoreCase));
        return onlyXray ? null : "matches every resource: '*' is allowed only in a statement whose every action is one of "
                + XRAY_WITHOUT_RESOURCES;
    }

    /** Why the resource is a wildcard, or null when it names specific resources. */
    private static String wildcard(String arn, List<String> actions, Iam.Document doc, Map<String, JsonNode> functions,
                                   String stage) {
        if (!arn.contains("*")) {
            return null;
        }
        String[] parts = INTRINSIC.matcher(arn).replaceAll("X").split(":", 6);
        if (parts.length < 6 || !"arn".equals(parts[0])) {
            return null;
        }
        String service = parts[2];
        if (service.contains("*") || "*".equals(parts[3]) || "*".equals(parts[4])) {
            return "matches every service, region or account";
        }
        String name = "s3".equals(service) ? parts[5] : RESOURCE_TYPE.matcher(parts[5]).replaceFirst("");
        if (name.startsWith("*")) {
            return "matches every " + service + " resource";
        }
        if ("logs".equals(service) && parts[5].startsWith("log-group:")) {
            String group = parts[5].substring("log-group:".length()).split(":", 2)[0];
            if (group.contains("*")) {
                return scopedToOwnLogGroups(group, actions, doc, functions, stage);
            }
        }
        return null;
    }

    /** The framework's log exception: logs actions on /aws/lambda/<prefix>* covering only the role's functions. */
    private static String scopedToOwnLogGroups(String group, List<String> actions, Iam.Document doc,
                                               Map<String, JsonNode> functions, String stage) {
        if (!actions.stream().allMatch(a -> a.startsWith("logs:"))) {
            return "is a wildcard log-group granted with non-logs actions";
        }
        if (!group.startsWith(LAMBDA_LOG_GROUPS) || group.indexOf('*') <= LAMBDA_LOG_GROUPS.length()) {
            return "is not scoped to a function's log group";
        }
        String prefix = group.substring(LAMBDA_LOG_GROUPS.length(), group.indexOf('*'));
        List<String> names = new ArrayList<>();
        functions.values().forEach(fn -> {
            if (doc.roles().contains(Iam.roleOf(fn))) {
                names.add(fn.path("Properties").path("FunctionName").asText());
            }
        });
        if (names.isEmpty()) {
            return "is a wildcard log-group on a policy no function of this template uses";
        }
        boolean covers = names.stream().allMatch(n -> n.startsWith(prefix));
        boolean scoped = names.contains(prefix) || prefix.endsWith("-" + stage);
        return covers && scoped ? null : "is wider than the log groups of " + names;
    }

    private Violation violation(Iam.Document doc, String message) {
        return new Violation(id(), doc.resource(), message);
    }
}
