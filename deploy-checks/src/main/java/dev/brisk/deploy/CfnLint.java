package dev.brisk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * cfn-lint (Python, on PATH, or -Dbrisk.cfnLint=/path/to/cfn-lint) on packaged templates: every error and warning is
 * a finding, except the checks listed in {@link #FRAMEWORK_IGNORES}, and those only on resources the framework
 * generated, never on a resource the project declares in serverless.yml. Several templates go to one cfn-lint
 * process (its start-up costs more than a template).
 */
public final class CfnLint {

    /** A check ignored on the framework's own resources, and why. */
    public record Ignore(String ruleId, String why) {
    }

    /**
     * Checks that fire on what osls itself writes, so no project can fix them; each by id, with why.
     */
    public static final List<Ignore> FRAMEWORK_IGNORES = List.of(
            // osls adds DependsOn to the resources it links (the SnapStart alias on its function, an HTTP API route
            // on its integration) although a Ref already orders them: redundant, harmless, and not ours to change.
            new Ignore("W3005", "redundant DependsOn written by osls next to a Ref"));

    /** One cfn-lint result. */
    public record Finding(String ruleId, String level, String message, String resource, int line) {
        @Override
        public String toString() {
            return ruleId + " (" + level + ") " + (resource.isEmpty() ? "" : resource + ": ") + message + " [line " + line + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IGNORED_IDS = FRAMEWORK_IGNORES.stream().map(Ignore::ruleId).collect(Collectors.toSet());

    private final String executable;

    public CfnLint() {
        this(System.getProperty("brisk.cfnLint", "cfn-lint"));
    }

    public CfnLint(String executable) {
        this.executable = executable;
    }

    public List<Finding> lint(Packaged packaged) {
        return lint(List.of(packaged)).get(packaged);
    }

    /** Every packaged template linted, one cfn-lint process per region; findings after the framework ignores. */
    public Map<Packaged, List<Finding>> lint(List<Packaged> packages) {
        Map<Packaged, List<Finding>> results = new LinkedHashMap<>();
        Map<String, List<Packaged>> byRegion = packages.stream()
                .collect(Collectors.groupingBy(Packaged::region, LinkedHashMap::new, Collectors.toList()));
        byRegion.forEach((region, group) -> {
            Map<Path, List<Finding>> raw = lintTemplates(group.stream().map(Packaged::template).distinct().toList(), region);
            for (Packaged p : group) {
                Set<String> declared = p.declaredResources();
                results.put(p, raw.get(p.template().toAbsolutePath()).stream()
                        .filter(f -> !(IGNORED_IDS.contains(f.ruleId()) && !f.resource().isEmpty()
                                && !declared.contains(f.resource())))
                        .toList());
            }
        });
        return results;
    }

    /** Raw cfn-lint findings of each template, nothing ignored. */
    public Map<Path, List<Finding>> lintTemplates(List<Path> templates, String region) {
        Map<Path, List<Finding>> findings = new LinkedHashMap<>();
        templates.forEach(t -> findings.put(t.toAbsolutePath(), new ArrayList<>()));
        List<String> command = new ArrayList<>(List.of(executable, "--format", "json", "--regions", region, "--"));
        findings.keySet().forEach(t -> command.add(t.toString()));
        String stdout;
        try {
            Path out = Files.createTempFile("brisk-cfn-lint-", ".json");
            Path err = Files.createTempFile("brisk-cfn-lint-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("cfn-lint did not finish in 5 minutes: " + command);
                }
                stdout = Files.readString(out);
                // 0 clean; 2 errors, 4 warnings, 8 informational, or'ed together; anything else is cfn-lint failing
                if ((process.exitValue() & ~14) != 0) {
                    throw new IllegalStateException("cfn-lint failed (exit " + process.exitValue() + "): "
                            + Files.readString(err) + stdout);
                }
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable + " (install it: pip install cfn-lint)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            for (JsonNode f : JSON.readTree(stdout)) {
                Path file = f.path("Filename").isTextual() ? Path.of(f.path("Filename").asText()).toAbsolutePath() : null;
                JsonNode path = f.path("Location").path("Path");
                String resource = path.isArray() && path.size() > 1 && "Resources".equals(path.get(0).asText())
                        ? path.get(1).asText() : "";
                Finding finding = new Finding(f.path("Rule").path("Id").asText(), f.path("Level").asText(),
                        f.path("Message").asText(), resource, f.path("Location").path("Start").path("LineNumber").asInt());
                if (file == null || !findings.containsKey(file)) {
                    // a finding about the run itself (E0000 parse error, E0003 configuration): every template fails
                    findings.values().forEach(list -> list.add(finding));
                } else {
                    findings.get(file).add(finding);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cfn-lint printed no JSON: " + stdout, e);
        }
        return findings;
    }
}
