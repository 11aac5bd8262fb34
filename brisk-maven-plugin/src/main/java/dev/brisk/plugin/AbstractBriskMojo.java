package dev.brisk.plugin;

import dev.brisk.runtime.Jdk;
import dev.brisk.runtime.LocalLambda;
import dev.brisk.runtime.ServerlessFunction;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What brisk:invoke and brisk:coldstart share: which function, how its JVM runs, and which event. */
abstract class AbstractBriskMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The serverless.yml that describes the function. */
    @Parameter(property = "brisk.serverlessYml", defaultValue = "${project.basedir}/serverless.yml")
    private File serverlessYml;

    /** Which function of serverless.yml (its key under functions:); default the first. */
    @Parameter(property = "brisk.function")
    private String function;

    /** The jar to run; default serverless.yml's package.artifact, else target/${project.build.finalName}.jar. */
    @Parameter(property = "brisk.jar")
    private File jar;

    /** The handler, Class or Class::method; default the function's handler in serverless.yml. */
    @Parameter(property = "brisk.handler")
    private String handler;

    /** Memory size in MB; default the function's memorySize, else provider.memorySize, else 1024. */
    @Parameter(property = "brisk.memory")
    private Integer memory;

    /** Timeout in seconds; default the function's timeout, else provider.timeout, else 6. */
    @Parameter(property = "brisk.timeout")
    private Integer timeout;

    /** SnapStart emulation (initialization type snap-start, CRaC hooks); default the function's snapStart. */
    @Parameter(property = "brisk.snapStart")
    private Boolean snapStart;

    /** The JDK that runs the function; default the one running Maven. */
    @Parameter(property = "brisk.javaHome")
    private File javaHome;

    /** Extra JVM flags, space-separated, after Lambda's own (so they can override them). */
    @Parameter(property = "brisk.jvmArgs")
    private String jvmArgs;

    /** Variables added to (and overriding) serverless.yml's environment. */
    @Parameter
    private Map<String, String> environment;

    /**
     * Variables from the command line, {@code NAME=value} pairs separated by commas, on top of serverless.yml's and
     * {@code environment}'s: {@code -Dbrisk.env=S3_ENDPOINT=http://127.0.0.1:4566,S3_PATH_STYLE=true}.
     */
    @Parameter(property = "brisk.env")
    private String env;

    /**
     * Put the function's jar on the class path before the runtime client's jars, as a container image that ships the
     * runtime client may: the runtime then uses the jar's copy of aws-lambda-java-core. Default false (the managed
     * runtime: the runtime alone on the class path).
     */
    @Parameter(property = "brisk.functionJarFirst", defaultValue = "false")
    private boolean functionJarFirst;

    /** The event: a JSON file, relative to the project; default the first file in events/, else {}. */
    @Parameter(property = "brisk.event")
    private String event;

    /** The function settings, from serverless.yml and the parameters. */
    protected LocalLambda.Builder function() throws MojoExecutionException {
        Path yml = serverlessYml.toPath();
        LocalLambda.Builder builder;
        ServerlessFunction fn = null;
        if (Files.isRegularFile(yml)) {
            try {
                fn = ServerlessFunction.read(yml, function);
            } catch (IOException | IllegalArgumentException e) {
                throw new MojoExecutionException("Cannot use " + yml + ": " + e.getMessage(), e);
            }
            builder = LocalLambda.fromServerlessYml(yml).function(fn.key());
        } else if (handler == null) {
            throw new MojoExecutionException("No serverless.yml at " + yml + ": set brisk.handler (and brisk.jar)");
        } else {
            builder = LocalLambda.builder().functionName(project.getArtifactId());
        }
        if (jar != null) {
            builder.jar(jar.toPath());
        } else if (fn == null || fn.artifact() == null) {
            builder.jar(Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar"));
        }
        if (handler != null) {
            builder.handler(handler);
        }
        if (memory != null) {
            builder.memoryMb(memory);
        }
        if (timeout != null) {
            builder.timeout(Duration.ofSeconds(timeout));
        }
        if (snapStart != null) {
            builder.snapStart(snapStart);
        }
        if (javaHome != null) {
            builder.javaHome(javaHome.toPath());
        }
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            builder.jvmArgs(splitArgs(jvmArgs));
        }
        if (environment != null) {
            builder.environment(environment);
        }
        if (env != null && !env.isBlank()) {
            try {
                builder.environment(parseEnv(env));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("brisk.env: " + e.getMessage(), e);
            }
        }
        builder.functionJarFirst(functionJarFirst);
        checkJava(fn);
        return builder
                .workDir(Path.of(project.getBuild().getDirectory(), "brisk"))
                .output(line -> getLog().info(line));
    }

    /** The event's JSON and where it came from. */
    protected String[] event() throws MojoExecutionException {
        Path base = project.getBasedir().toPath();
        Path file;
        if (event != null && !event.isBlank()) {
            file = base.resolve(event);
            if (!Files.isRegularFile(file)) {
                throw new MojoExecutionException("No event file " + file);
            }
        } else {
            Path events = base.resolve("events");
            file = firstEvent(events).orElse(null);
            if (file == null) {
                return new String[] {"{}", "{} (no events/ folder; set brisk.event)"};
            }
        }
        try {
            return new String[] {Files.readString(file, StandardCharsets.UTF_8), base.relativize(file).toString()};
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + file, e);
        }
    }

    private static Optional<Path> firstEvent(Path events) throws MojoExecutionException {
        if (!Files.isDirectory(events)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(events)) {
            List<Path> sorted = files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            return sorted.stream().filter(p -> p.getFileName().toString().endsWith(".json")).findFirst()
                    .or(() -> sorted.stream().findFirst());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot list " + events, e);
        }
    }

    /** Warns when the JDK is older than the Lambda runtime serverless.yml names. */
    private void checkJava(ServerlessFunction fn) {
        if (fn == null || fn.runtime() == null || !fn.runtime().startsWith("java")) {
            return;
        }
        Path home = javaHome != null ? javaHome.toPath() : Path.of(System.getProperty("java.home"));
        int jdk = Jdk.featureVersion(home);
        int wanted = fn.javaFeatureVersion();
        if (jdk > 0 && wanted > 0 && jdk < wanted) {
            getLog().warn("serverless.yml runs " + fn.runtime() + " but the JDK at " + home + " is Java " + jdk
                    + ": set brisk.javaHome to a JDK " + wanted);
        }
    }

    /** {@code A=1,B=x=y} to {A=1, B=x=y}; a value cannot hold a comma. */
    static Map<String, String> parseEnv(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq).trim();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not NAME=value");
            }
            vars.put(name, pair.substring(eq + 1));
        }
        return vars;
    }

    /** Splits on whitespace; single or double quotes keep spaces inside one argument. */
    static List<String> splitArgs(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inArg = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}
