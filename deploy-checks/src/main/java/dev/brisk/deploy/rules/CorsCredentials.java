package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brisk.deploy.Expectations;
import dev.brisk.deploy.PolicyRule;
import dev.brisk.deploy.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * CORS never allows every origin together with credentials (browsers refuse it, and reflecting any origin with
 * credentials lets any site act as the user): HTTP APIs, function URLs, and REST API OPTIONS responses.
 */
public final class CorsCredentials implements PolicyRule {

    private static final String ORIGIN = "method.response.header.Access-Control-Allow-Origin";
    private static final String CREDENTIALS = "method.response.header.Access-Control-Allow-Credentials";

    @Override
    public String id() {
        return "cors";
    }

    @Override
    public List<Violation> check(Template template, Expectations expected) {
        List<Violation> violations = new ArrayList<>();
        template.resourcesOfType("AWS::ApiGatewayV2::Api").forEach((id, api) ->
                check(id, api.path("Properties").path("CorsConfiguration"), violations));
        template.resourcesOfType("AWS::Lambda::Url").forEach((id, url) ->
                check(id, url.path("Properties").path("Cors"), violations));
        template.resourcesOfType("AWS::ApiGateway::Method").forEach((id, method) -> {
            for (JsonNode response : method.path("Properties").path("Integration").path("IntegrationResponses")) {
                JsonNode params = response.path("ResponseParameters");
                if ("'*'".equals(params.path(ORIGIN).asText()) && "'true'".equals(params.path(CREDENTIALS).asText())) {
                    violations.add(new Violation(id(), id, "answers Access-Control-Allow-Origin '*' with credentials"));
                }
            }
        });
        return violations;
    }

    private void check(String id, JsonNode cors, List<Violation> violations) {
        if (!cors.path("AllowCredentials").asBoolean(false)) {
            return;
        }
        for (JsonNode origin : cors.path("AllowOrigins")) {
            if ("*".equals(origin.asText())) {
                violations.add(new Violation(id(), id, "allows origin '*' together with credentials"));
            }
        }
    }
}
