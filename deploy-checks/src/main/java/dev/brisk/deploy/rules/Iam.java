package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM look-ups shared by the IAM rules. */
final class Iam {

    private Iam() {
    }

    /** A policy document and the role(s) it is attached to (none for a resource policy). */
    record Document(String resource, JsonNode document, List<String> roles) {
    }

    /** A managed policy attached by a resource: its ARN as {@link Template#render} writes it. */
    record Attachment(String resource, String property, String arn) {
    }

    /**
     * Where CloudFormation attaches managed policies to identities (the property names come from the resource
     * schemas cfn-lint ships). AWS::IAM::Policy, RolePolicy, UserPolicy and GroupPolicy take only inline documents.
     * A PermissionsBoundary and the session policies of AWS::RolesAnywhere::Profile only narrow, so they are left out.
     */
    private static final Map<String, String> ATTACHMENTS = Map.of(
            "AWS::IAM::Role", "/ManagedPolicyArns",
            "AWS::IAM::User", "/ManagedPolicyArns",
            "AWS::IAM::Group", "/ManagedPolicyArns",
            "AWS::SSO::PermissionSet", "/ManagedPolicies",
            "AWS::Budgets::BudgetsAction", "/Definition/IamActionDefinition/PolicyArn");

    /** Every managed policy the template attaches, in template order; both branches of an Fn::If count. */
    static List<Attachment> managedPolicies(Template template) {
        List<Attachment> found = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            String pointer = ATTACHMENTS.get(resource.path("Type").asText());
            if (pointer != null) {
                String property = pointer.substring(1).replace('/', '.');
                for (JsonNode arn : alternatives(resource.path("Properties").at(pointer))) {
                    found.add(new Attachment(id, property, Template.render(arn)));
                }
            }
        });
        return found;
    }

    private static List<JsonNode> alternatives(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        JsonNode condition = node.path("Fn::If");
        if (condition.isArray() && condition.size() == 3) {
            list.addAll(alternatives(condition.get(1)));
            list.addAll(alternatives(condition.get(2)));
        } else if (node.isArray()) {
            node.forEach(item -> list.addAll(alternatives(item)));
        } else if (!node.isMissingNode() && !node.isNull()) {
            list.add(node);
        }
        return list;
    }

    /** Every permission policy in the template; trust policies (AssumeRolePolicyDocument) are not permissions. */
    static List<Document> documents(Template template) {
        List<Document> docs = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            JsonNode props = resource.path("Properties");
            List<String> roles = new ArrayList<>();
            if ("AWS::IAM::Role".equals(type)) {
                roles.add(id);
            } else if (type.startsWith("AWS::IAM::")) {
                props.path("Roles").forEach(r -> Template.referencedId(r).ifPresent(roles::add));
            }
            collect(id, props, roles, docs);
        });
        return docs;
    }

    private static void collect(String id, JsonNode node, List<String> roles, List<Document> docs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ("PolicyDocument".equals(e.getKey())) {
                    docs.add(new Document(id, e.getValue(), roles));
                } else if (!"AssumeRolePolicyDocument".equals(e.getKey())) {
                    collect(id, e.getValue(), roles, docs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(id, child, roles, docs));
        }
    }

    static List<JsonNode> statements(JsonNode document) {
        JsonNode statement = document.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(list::add);
        } else if (statement.isObject()) {
            list.add(statement);
        }
        return list;
    }

    static List<JsonNode> values(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            list.add(node);
        }
        return list;
    }

    /** The role a function runs with: the logical id of an AWS::IAM::Role of the template, else its ARN as text. */
    static String roleOf(JsonNode function) {
        JsonNode role = function.path("Properties").path("Role");
        Optional<String> id = Template.referencedId(role);
        return id.orElseGet(() -> Template.render(role));
    }
}
