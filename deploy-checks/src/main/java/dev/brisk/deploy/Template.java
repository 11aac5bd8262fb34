package dev.brisk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CloudFormation template (JSON) with the few look-ups the policy rules share. */
public final class Template {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_FUNCTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.Arn)?}(:([A-Za-z0-9_$-]+))?");

    private final JsonNode root;

    private Template(JsonNode root) {
        this.root = root;
    }

    public static Template of(JsonNode root) {
        return new Template(root);
    }

    public static Template read(Path json) {
        try {
            return new Template(JSON.readTree(json.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Every resource by logical id, in template order. */
    public Map<String, JsonNode> resources() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> matching = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.path("Type").asText())) {
                matching.put(id, r);
            }
        });
        return matching;
    }

    public String type(String logicalId) {
        return root.path("Resources").path(logicalId).path("Type").asText("");
    }

    public JsonNode properties(String logicalId) {
        return root.path("Resources").path(logicalId).path("Properties");
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} names, if the node is one. */
    public static Optional<String> referencedId(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return Optional.empty();
        }
        if (node.has("Ref")) {
            return Optional.of(node.get("Ref").asText());
        }
        JsonNode getAtt = node.get("Fn::GetAtt");
        if (getAtt != null) {
            if (getAtt.isArray() && getAtt.size() == 2) {
                return Optional.of(getAtt.get(0).asText());
            }
            if (getAtt.isTextual() && getAtt.asText().contains(".")) {
                return Optional.of(getAtt.asText().substring(0, getAtt.asText().indexOf('.')));
            }
        }
        return Optional.empty();
    }

    /**
     * What a function-invoking expression points at: a Lambda function of this template, unqualified ($LATEST), at
     * an alias or at a version. Understands Ref and GetAtt of functions, aliases and versions, the
     * {@code Fn::Join [":", [<fn arn>, <alias>]]} osls writes for a target alias, API Gateway invocation URIs
     * joined with "", and {@code Fn::Sub "${Fn.Arn}:alias"}.
     */
    public Optional<LambdaTarget> lambdaTarget(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        Optional<String> ref = referencedId(node);
        if (ref.isPresent()) {
            String id = ref.get();
            switch (type(id)) {
                case "AWS::Lambda::Function":
                    return Optional.of(new LambdaTarget(id, null));
                case "AWS::Lambda::Alias":
                    return functionOf(id).map(fn -> new LambdaTarget(fn, properties(id).path("Name").asText()));
                case "AWS::Lambda::Version":
                    return functionOf(id).map(fn -> new LambdaTarget(fn, LambdaTarget.VERSION));
                default:
                    return Optional.empty();
            }
        }
        if (node.isObject() && node.has("Fn::Join")) {
            return joinTarget(node.get("Fn::Join"));
        }
        if (node.isObject() && node.has("Fn::Sub")) {
            JsonNode sub = node.get("Fn::Sub");
            String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
            Matcher m = SUB_FUNCTION.matcher(text);
            while (m.find()) {
                if ("AWS::Lambda::Function".equals(type(m.group(1)))) {
                    return Optional.of(new LambdaTarget(m.group(1), m.group(3)));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<LambdaTarget> joinTarget(JsonNode join) {
        if (!join.isArray() || join.size() != 2 || !join.get(1).isArray()) {
            return Optional.empty();
        }
        String delimiter = join.get(0).asText();
        JsonNode parts = join.get(1);
        for (int i = 0; i < parts.size(); i++) {
            Optional<LambdaTarget> inner = lambdaTarget(parts.get(i));
            if (inner.isEmpty()) {
                continue;
            }
            if (inner.get().qualifier() != null || i + 1 >= parts.size() || !parts.get(i + 1).isTextual()) {
                return inner;
            }
            String next = parts.get(i + 1).asText();
            if (":".equals(delimiter)) {
                return Optional.of(new LambdaTarget(inner.get().function(), next));
            }
            if (delimiter.isEmpty() && next.startsWith(":")) {
                String qualifier = next.substring(1).split("/", 2)[0];
                return Optional.of(new LambdaTarget(inner.get().function(), qualifier));
            }
            return inner;
        }
        return Optional.empty();
    }

    /** The function an alias or version belongs to. */
    public Optional<String> functionOf(String aliasOrVersion) {
        return referencedId(properties(aliasOrVersion).path("FunctionName"))
                .filter(fn -> "AWS::Lambda::Function".equals(type(fn)));
    }

    /** Logical ids of the aliases of a function named {@code name}. */
    public List<String> aliases(String function, String name) {
        List<String> found = new ArrayList<>();
        resourcesOfType("AWS::Lambda::Alias").forEach((id, alias) -> {
            if (functionOf(id).filter(function::equals).isPresent()
                    && name.equals(alias.path("Properties").path("Name").asText())) {
                found.add(id);
            }
        });
        return found;
    }

    /**
     * An expression as text for pattern checks: literals as they are, Fn::Sub's string (its variables replaced by
     * their values), Fn::Join's parts joined, and any other intrinsic as ${...}, so an ARN built from intrinsics keeps
     * its shape.
     */
    public static String render(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isObject() && node.has("Fn::Sub")) {
            JsonNode sub = node.get("Fn::Sub");
            if (!sub.isArray()) {
                return sub.asText();
            }
            String text = sub.path(0).asText();
            for (Map.Entry<String, JsonNode> variable : sub.path(1).properties()) {
                text = text.replace("${" + variable.getKey() + "}", render(variable.getValue()));
            }
            return text;
        }
        if (node.isObject() && node.has("Fn::Join") && node.get("Fn::Join").path(1).isArray()) {
            List<String> parts = new ArrayList<>();
            node.get("Fn::Join").get(1).forEach(p -> parts.add(render(p)));
            return String.join(node.get("Fn::Join").get(0).asText(), parts);
        }
        Optional<String> ref = referencedId(node);
        return ref.map(id -> "${" + id + "}").orElse("${?}");
    }

    /** True when the expression is a plain value: no Ref, GetAtt, import or substitution of anything. */
    public static boolean isLiteral(JsonNode node) {
        return node != null && node.isValueNode() || node != null && !render(node).contains("${");
    }

    /** A function as an event source or target sees it: qualifier null means $LATEST. */
    public record LambdaTarget(String function, String qualifier) {

        /** The qualifier of a fixed published version (not an alias). */
        public static final String VERSION = "<version>";

        public boolean isLatest() {
            return qualifier == null || "$LATEST".equals(qualifier);
        }

        @Override
        public String toString() {
            return function + (isLatest() ? " at $LATEST" : VERSION.equals(qualifier) ? " at a fixed version"
                    : " at alias '" + qualifier + "'");
        }
    }
}
