package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * No environment variable whose name looks like a secret (*SECRET*, *PASSWORD*, *TOKEN*, *KEY*) holds a literal:
 * the template, the package and the console would all show it. Allowed: a value built from a reference (Ref,
 * GetAtt, ImportValue), a dynamic reference ({{resolve:...}}), or the name of where the secret lives (an ARN or an
 * SSM parameter path), which the function reads at run time.
 */
public final class NoLiteralSecrets implements PolicyRule {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|KEY).*");

    @Override
    public String id() {
        return "secret-env";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::Function").forEach((id, fn) ->
                fn.path("Properties").path("Environment").path("Variables").fields().forEachRemaining(v -> {
                    if (SECRET_NAME.matcher(v.getKey().toUpperCase(Locale.ROOT)).matches() && holdsSecret(v.getValue())) {
                        violations.add(new Violation(id(), id, "environment variable " + v.getKey()
                                + " holds a literal value; reference the secret (Secrets Manager / SSM) instead"));
                    }
                }));
        return violations;
    }

    private static boolean holdsSecret(JsonNode value) {
        if (!Template.isLiteral(value)) {
            return false;
        }
        String text = Template.render(value);
        return !text.isEmpty() && !text.startsWith("arn:") && !text.startsWith("{{resolve:") && !text.startsWith("/");
    }
}
