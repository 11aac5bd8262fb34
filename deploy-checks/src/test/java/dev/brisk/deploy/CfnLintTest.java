package dev.brisk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cfn-lint itself, on fixtures: real errors reach us; the framework ignores apply to framework resources only. */
class CfnLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CfnLint cfnLint = new CfnLint();

    @Test
    void anInvalidPropertyIsAnError() {
        Path template = Fixtures.resource("cfn/invalid-property.json");

        List<CfnLint.Finding> findings = cfnLint.lintTemplates(List.of(template), "us-east-1").get(template);

        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals("E3002") && f.resource().equals("FnLambdaFunction")
                && f.message().contains("MemorySzie")), findings::toString);
    }

    @Test
    void redundantDependsOnIsIgnoredOnFrameworkResourcesOnly() throws IOException {
        Path template = Fixtures.resource("cfn/redundant-depends-on.json");
        Packaged frameworkOnly = packaged(template, "{}");
        Packaged declared = packaged(template, "{\"Resources\": {\"WorkerSnapStartLambdaAlias\": {}}}");

        Map<Packaged, List<CfnLint.Finding>> findings = cfnLint.lint(List.of(frameworkOnly, declared));

        assertEquals(List.of(), findings.get(frameworkOnly));
        assertEquals(List.of("W3005 WorkerSnapStartLambdaAlias"),
                findings.get(declared).stream().map(f -> f.ruleId() + " " + f.resource()).toList());
    }

    /** A Packaged for a template, with the resources serverless.yml declared as osls would record them. */
    private static Packaged packaged(Path template, String resources) throws IOException {
        JsonNode state = JSON.readTree("{\"service\": {\"resources\": " + resources + "}}");
        return new Packaged(template.getParent(), "dev", template.getParent(), template, JSON.readTree(template.toFile()),
                state, "");
    }
}
