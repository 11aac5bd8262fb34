package dev.brisk.deploy.rules;

import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Each function runs with a role of its own, so its permissions are exactly what it needs. */
public final class OneRolePerFunction implements PolicyRule {

    @Override
    public String id() {
        return "iam-role-per-function";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        Map<String, List<String>> byRole = new TreeMap<>();
        List<Violation> violations = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::Function").forEach((id, fn) -> {
            String role = Iam.roleOf(fn);
            if (role.isEmpty()) {
                violations.add(new Violation(id(), id, "has no Role"));
            } else {
                byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(id);
            }
        });
        byRole.forEach((role, functions) -> {
            if (functions.size() > 1) {
                violations.add(new Violation(id(), role, "shared by " + functions + ": give each function its own role"));
            }
        });
        return violations;
    }
}
