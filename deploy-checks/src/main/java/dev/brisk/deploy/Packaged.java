package dev.brisk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One packaged project: the CloudFormation template osls produced and the framework's resolved state.
 *
 * @param directory where osls wrote the package (template, state)
 * @param template  cloudformation-template-update-stack.json: every resource of the stack
 * @param output    what osls printed
 */
public record Packaged(Path project, String stage, Path directory, Path template, JsonNode templateJson,
                       JsonNode state, String output) {

    public Template cloudFormation() {
        return Template.of(templateJson);
    }

    public String region() {
        return state.path("service").path("provider").path("region").asText("us-east-1");
    }

    /** serverless.yml function key to the logical id of its AWS::Lambda::Function, matched by function name. */
    public Map<String, String> functionLogicalIds() {
        Map<String, String> byName = new LinkedHashMap<>();
        cloudFormation().resourcesOfType("AWS::Lambda::Function")
                .forEach((id, fn) -> byName.put(fn.path("Properties").path("FunctionName").asText(), id));
        Map<String, String> ids = new LinkedHashMap<>();
        state.path("service").path("functions").fields().forEachRemaining(f -> {
            String id = byName.get(f.getValue().path("name").asText());
            if (id == null) {
                throw new IllegalStateException("function " + f.getKey() + " has no AWS::Lambda::Function in " + template);
            }
            ids.put(f.getKey(), id);
        });
        return ids;
    }

    /**
     * Logical ids the project itself declares under {@code resources.Resources} of serverless.yml (extensions of
     * framework resources included); every other resource of the template is the framework's own.
     */
    public Set<String> declaredResources() {
        Set<String> ids = new TreeSet<>();
        state.path("service").path("resources").path("Resources").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    @Override
    public String toString() {
        return project.getFileName() + " (" + stage + ")";
    }
}
