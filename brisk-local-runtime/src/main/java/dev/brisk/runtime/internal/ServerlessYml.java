package dev.brisk.runtime.internal;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the functions of a Serverless Framework serverless.yml: handler, memory, timeout, environment,
 * SnapStart, region and artifact. Function-level values override provider-level ones.
 *
 * <p>Serverless variables are resolved where they can be without a deployment: {@code ${self:a.b}},
 * {@code ${param:x}} (from {@code params.<stage>} then {@code params.default}), {@code ${sls:stage}},
 * {@code ${env:X}}, nested references and fallbacks ({@code ${param:x, 'y'}}). Anything else
 * ({@code ${ssm:...}}, {@code ${cf:...}}, {@code !Ref}, ...) is "not set", with a warning: never an error.
 */
public final class ServerlessYml {

    /** Serverless Framework's defaults when neither the function nor the provider sets a value. */
    public static final int DEFAULT_MEMORY_MB = 1024;
    public static final int DEFAULT_TIMEOUT_SECONDS = 6;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_STAGE = "dev";

    private static final Object UNRESOLVED = new Object() {
        @Override
        public String toString() {
            return "<unresolved>";
        }
    };
    private static final int MAX_DEPTH = 10;

    /**
     * One function as Lambda would run it; null where serverless.yml does not say.
     *
     * @param key the key under {@code functions:}
     * @param name the deployed Lambda function name ({@code name:}, else service-stage-key)
     * @param artifact the jar from {@code package.artifact}, resolved against the file's folder, or null
     * @param warnings what could not be resolved and was left out
     */
    public record FunctionConfig(String key, String name, String handler, Integer memoryMb, Integer timeoutSeconds,
                                 Boolean snapStart, Map<String, String> environment, Path artifact, String region,
                                 String runtime, List<String> warnings) {
    }

    private final Path file;
    private final Map<String, Object> root;
    private final String stage;

    private ServerlessYml(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
        Object s = resolve(path(root, "provider", "stage"), 0, new ArrayList<>());
        this.stage = s == UNRESOLVED || s == null ? DEFAULT_STAGE : s.toString();
    }

    /** Parses the file; throws {@link IllegalArgumentException} when it is not a serverless.yml with functions. */
    public static ServerlessYml read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            Object doc = new Yaml(new TolerantConstructor(options)).load(reader);
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException(file + " is not a serverless.yml: no top-level mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) doc;
            return new ServerlessYml(file, root);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The keys under {@code functions:}, in file order. */
    public List<String> functionNames() {
        Object functions = root.get("functions");
        if (!(functions instanceof Map)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object key : ((Map<?, ?>) functions).keySet()) {
            names.add(String.valueOf(key));
        }
        return names;
    }

    /** The service name, or null. */
    public String service() {
        Object s = resolve(root.get("service"), 0, new ArrayList<>());
        if (s instanceof Map) {
            s = resolve(((Map<?, ?>) s).get("name"), 0, new ArrayList<>());
        }
        return s == UNRESOLVED || s == null ? null : s.toString();
    }

    /**
     * The function with that key; null means the first one. Throws {@link IllegalArgumentException} naming the
     * functions there are when it does not exist.
     */
    public FunctionConfig function(String key) {
        List<String> names = functionNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + " declares no functions");
        }
        String chosen = key == null || key.isBlank() ? names.get(0) : key;
        if (!names.contains(chosen)) {
            throw new IllegalArgumentException("No function '" + chosen + "' in " + file + "; it declares " + names);
        }
        Map<?, ?> fn = asMap(((Map<?, ?>) root.get("functions")).get(chosen));
        Map<?, ?> provider = asMap(root.get("provider"));
        List<String> warnings = new ArrayList<>();

        String handler = string(fn.get("handler"), "functions." + chosen + ".handler", warnings);
        if (handler == null && fn.get("image") instanceof Map) {
            // container image functions name the handler as the image command
            Object command = resolve(((Map<?, ?>) fn.get("image")).get("command"), 0, warnings);
            if (command instanceof List && !((List<?>) command).isEmpty()) {
                handler = string(((List<?>) command).get(0), "functions." + chosen + ".image.command", warnings);
            }
        }
        Integer memory = firstInt(warnings, "memorySize", fn, provider);
        Integer timeout = firstInt(warnings, "timeout", fn, provider);
        Boolean snapStart = bool(fn.get("snapStart"), "functions." + chosen + ".snapStart", warnings);

        Map<String, String> environment = new LinkedHashMap<>();
        environment(provider.get("environment"), "provider.environment", environment, warnings);
        environment(fn.get("environment"), "functions." + chosen + ".environment", environment, warnings);

        String artifactText = string(path(fn, "package", "artifact"), "functions." + chosen + ".package.artifact",
                warnings);
        if (artifactText == null) {
            artifactText = string(path(root, "package", "artifact"), "package.artifact", warnings);
        }
        Path base = file.toAbsolutePath().getParent();
        Path artifact = artifactText == null ? null : base.resolve(artifactText).normalize();

        String region = string(provider.get("region"), "provider.region", warnings);
        String runtime = string(fn.get("runtime"), "functions." + chosen + ".runtime", warnings);
        if (runtime == null) {
            runtime = string(provider.get("runtime"), "provider.runtime", warnings);
        }
        String name = string(fn.get("name"), "functions." + chosen + ".name", warnings);
        if (name == null) {
            String service = service();
            name = (service == null ? "" : service + "-" + stage + "-") + chosen;
        }
        return new FunctionConfig(chosen, name, handler, memory, timeout, snapStart,
                Collections.unmodifiableMap(environment), artifact, region, runtime, List.copyOf(warnings));
    }

    private Integer firstInt(List<String> warnings, String key, Map<?, ?> fn, Map<?, ?> provider) {
        Integer value = integer(fn.get(key), "function " + key, warnings);
        return value != null ? value : integer(provider.get(key), "provider." + key, warnings);
    }

    private void environment(Object value, String where, Map<String, String> into, List<String> warnings) {
        Object env = resolve(value, 0, warnings);
        if (env == null || env == UNRESOLVED) {
            if (env == UNRESOLVED) {
                warnings.add(where + " could not be resolved; left out");
            }
            return;
        }
        if (!(env instanceof Map)) {
            warnings.add(where + " is not a mapping; left out");
            return;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) env).entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = resolve(e.getValue(), 0, warnings);
            if (v == UNRESOLVED || v instanceof Map || v instanceof List || v instanceof Tagged) {
                warnings.add(where + "." + name + " is not set: " + describe(e.getValue())
                        + " cannot be resolved without a deployment");
                into.remove(name);
            } else {
                into.put(name, v == null ? "" : scalar(v));
            }
        }
    }

    private String string(Object raw, String where, List<String> warnings) {
        Object v = resolve(raw, 0, warnings);
        if (v == null) {
            return null;
        }
        if (v == UNRESOLVED || v instanceof Map || v instanceof List || v instanceof Tagged) {
            warnings.add(where + " is not set: " + describe(raw) + " cannot be resolved locally");
            return null;
        }
        return scalar(v);
    }

    private Integer integer(Object raw, String where, List<String> warnings) {
        String s = string(raw, where, warnings);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s.trim()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            warnings.add(where + " is not a whole number: " + s);
            return null;
        }
    }

    private Boolean bool(Object raw, String where, List<String> warnings) {
        String s = string(raw, where, warnings);
        if (s == null) {
            return null;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s);
        }
        warnings.add(where + " is not true or false: " + s);
        return null;
    }

    private static String scalar(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    private static String describe(Object raw) {
        return raw instanceof String ? "'" + raw + "'" : String.valueOf(raw);
    }

    // ---- Serverless variables

    private Object resolve(Object value, int depth, List<String> warnings) {
        if (depth > MAX_DEPTH) {
            return UNRESOLVED;
        }
        if (value instanceof String) {
            return resolveString((String) value, depth);
        }
        if (value instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                copy.put(e.getKey(), e.getValue());
            }
            return copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(resolve(item, depth + 1, warnings));
            }
            return copy;
        }
        return value;
    }

    private Object resolveString(String s, int depth) {
        int start = s.indexOf("${");
        if (start < 0) {
            return s;
        }
        int end = matchingBrace(s, start + 2);
        if (end < 0) {
            return s;
        }
        Object inner = resolveString(s.substring(start + 2, end), depth + 1);
        if (inner == UNRESOLVED) {
            return UNRESOLVED;
        }
        Object ref = reference(inner.toString(), depth + 1);
        if (ref == UNRESOLVED) {
            return UNRESOLVED;
        }
        if (start == 0 && end == s.length() - 1) {
            return ref;
        }
        if (ref instanceof Map || ref instanceof List || ref instanceof Tagged) {
            return UNRESOLVED;
        }
        Object rest = resolveString(s.substring(end + 1), depth + 1);
        if (rest == UNRESOLVED) {
            return UNRESOLVED;
        }
        return s.substring(0, start) + (ref == null ? "" : scalar(ref)) + rest;
    }

    private static int matchingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** One reference with its fallbacks: {@code source:address, fallback, ...}. */
    private Object reference(String expression, int depth) {
        for (String candidate : splitTopLevel(expression)) {
            Object v = single(candidate.trim(), depth);
            if (v != UNRESOLVED && v != null) {
                return v;
            }
        }
        return UNRESOLVED;
    }

    private Object single(String ref, int depth) {
        boolean quoted = ref.startsWith("'") && ref.endsWith("'") || ref.startsWith("\"") && ref.endsWith("\"");
        if (ref.length() >= 2 && quoted) {
            return ref.substring(1, ref.length() - 1);
        }
        if (ref.equals("true") || ref.equals("false")) {
            return Boolean.valueOf(ref);
        }
        if (ref.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(ref);
        }
        int colon = ref.indexOf(':');
        if (colon < 0) {
            return UNRESOLVED;
        }
        String source = ref.substring(0, colon);
        String address = ref.substring(colon + 1).trim();
        switch (source) {
            case "self":
                Object target = address.isEmpty() ? root : dotted(root, address);
                return target == null ? UNRESOLVED : resolveValue(target, depth);
            case "param":
                Object param = dotted(root, "params." + stage + "." + address);
                if (param == null) {
                    param = dotted(root, "params.default." + address);
                }
                return param == null ? UNRESOLVED : resolveValue(param, depth);
            case "sls":
                return address.equals("stage") ? stage : UNRESOLVED;
            case "env":
                String env = System.getenv(address);
                return env == null ? UNRESOLVED : env;
            default:
                return UNRESOLVED;
        }
    }

    private Object resolveValue(Object target, int depth) {
        if (depth > MAX_DEPTH) {
            return UNRESOLVED;
        }
        return target instanceof String ? resolveString((String) target, depth + 1) : target;
    }

    private static Object dotted(Map<?, ?> from, String address) {
        Object current = from;
        for (String part : address.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<?, ?>) current).get(part);
        }
        return current;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static Object path(Map<?, ?> from, String... keys) {
        Object current = from;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<?, ?>) current).get(key);
        }
        return current;
    }

    private static Map<?, ?> asMap(Object value) {
        return value instanceof Map ? (Map<?, ?>) value : Map.of();
    }

    /** A CloudFormation tag such as {@code !Ref Queue}: kept, never resolved. */
    record Tagged(String tag, Object value) {
        @Override
        public String toString() {
            return tag + " " + value;
        }
    }

    /** SafeConstructor that reads unknown tags (!Ref, !GetAtt, !Sub...) as {@link Tagged} instead of failing. */
    private static final class TolerantConstructor extends SafeConstructor {
        TolerantConstructor(LoaderOptions options) {
            super(options);
            Function<Node, Object> plain = node -> {
                switch (node.getNodeId()) {
                    case scalar:
                        return constructScalar((org.yaml.snakeyaml.nodes.ScalarNode) node);
                    case sequence:
                        return constructSequence((org.yaml.snakeyaml.nodes.SequenceNode) node);
                    default:
                        return constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                }
            };
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new Tagged(node.getTag().getValue(), plain.apply(node));
                }
            });
        }
    }

    @Override
    public String toString() {
        return Objects.toString(file);
    }
}
