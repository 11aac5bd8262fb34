package dev.brisk.runtime.image;

import dev.brisk.runtime.internal.Json;
import dev.brisk.runtime.internal.LambdaJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Lambda container image, read and run the way Lambda does: a {@code docker save} tarball (what Jib's
 * {@code buildTar} writes) gives its manifest and config; its layers are unpacked in order into a root folder; the
 * config's entrypoint and command then start with the image's environment and working directory, against a Runtime
 * API served on loopback. Absolute paths of the command line resolve inside the unpacked root: no container, no
 * Docker.
 */
public final class LambdaImage {

    private final Path root;
    private final Map<String, Object> config;
    private final List<Layer> layers;

    /**
     * One layer of the image: its blob in the tarball, its size there (compressed), the paths it holds, and what made
     * it (its history's created_by: "jib-maven-plugin:3.5.2" for the layers Jib adds to the base).
     */
    public record Layer(String blob, long size, List<String> paths, String createdBy) {
    }

    /** The outcome of a JVM run to completion. */
    public record JvmRun(int exitCode, String output) {
    }

    private LambdaImage(Path root, Map<String, Object> config, List<Layer> layers) {
        this.root = root;
        this.config = config;
        this.layers = layers;
    }

    /** Unpacks an image tarball into folder/root (emptied first), layer after layer. */
    public static LambdaImage unpack(Path imageTar, Path folder) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        Tar.deleteTree(dir);
        Path blobs = dir.resolve("blobs");
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        try (InputStream in = Files.newInputStream(imageTar)) {
            Tar.extract(in, blobs);
        }
        Path manifestFile = blobs.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new ImageException(imageTar + " is not an image tarball (no manifest.json)");
        }
        List<Object> manifests = list(Json.parse(Files.readString(manifestFile)));
        if (manifests.size() != 1) {
            throw new ImageException(imageTar + " holds " + manifests.size() + " images; Lambda takes one");
        }
        Map<String, Object> manifest = object(manifests.get(0));
        Map<String, Object> config = object(Json.parse(Files.readString(blobs.resolve((String) manifest.get("Config")))));
        List<String> createdBy = new ArrayList<>();
        for (Object entry : list(config.get("history"))) {
            Map<String, Object> h = object(entry);
            if (!Boolean.TRUE.equals(h.get("empty_layer"))) {
                createdBy.add(h.get("created_by") == null ? "" : (String) h.get("created_by"));
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (Object layer : list(manifest.get("Layers"))) {
            Path blob = blobs.resolve((String) layer);
            String by = layers.size() < createdBy.size() ? createdBy.get(layers.size()) : "";
            try (InputStream in = Files.newInputStream(blob)) {
                layers.add(new Layer((String) layer, Files.size(blob), List.copyOf(Tar.extract(in, root)), by));
            }
        }
        if (layers.size() != list(object(config.get("rootfs")).get("diff_ids")).size()) {
            throw new ImageException("the manifest's layers and the config's diff_ids disagree in " + imageTar);
        }
        return new LambdaImage(root, config, List.copyOf(layers));
    }

    /** The layers, base first. */
    public List<Layer> layers() {
        return layers;
    }

    /** The unpacked file system. */
    public Path root() {
        return root;
    }

    /** The image config (architecture, os, config.Entrypoint, config.Cmd, config.Env, config.WorkingDir). */
    public Map<String, Object> config() {
        return config;
    }

    /** amd64 or arm64, as image configs spell them. */
    public String architecture() {
        return (String) config.get("architecture");
    }

    public String os() {
        return (String) config.get("os");
    }

    public List<String> entrypoint() {
        return strings(containerConfig().get("Entrypoint"));
    }

    /** The command: the handler, for a Lambda image. */
    public List<String> command() {
        return strings(containerConfig().get("Cmd"));
    }

    public String workingDir() {
        Object dir = containerConfig().get("WorkingDir");
        return dir == null || ((String) dir).isEmpty() ? "/" : (String) dir;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : strings(containerConfig().get("Env"))) {
            int eq = e.indexOf('=');
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return env;
    }

    /** A path of the image, in the unpacked root. */
    public Path inRoot(String imagePath) {
        return root.resolve(imagePath.startsWith("/") ? imagePath.substring(1) : imagePath);
    }

    /** The JVM's flags from the entrypoint's argument files ({@code @/path}), as the image holds them. */
    public List<String> argsFileFlags() throws IOException {
        List<String> flags = new ArrayList<>();
        for (String arg : entrypoint()) {
            if (arg.startsWith("@/")) {
                Path file = inRoot(arg.substring(1));
                if (!Files.isRegularFile(file)) {
                    throw new ImageException("the entrypoint's argument file " + arg.substring(1) + " is not in the image");
                }
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) {
                        flags.addAll(List.of(line.strip().split("\\s+")));
                    }
                }
            }
        }
        return flags;
    }

    /** Whether the image's JVM is told to use an AOT cache that the image holds. */
    public boolean hasAotCache() throws IOException {
        for (String flag : argsFileFlags()) {
            if (flag.startsWith("-XX:AOTCache=")) {
                return Files.isRegularFile(inRoot(flag.substring("-XX:AOTCache=".length())));
            }
        }
        return false;
    }

    /** The image's Java home: the parent of the bin folder of the entrypoint's java. */
    public Path javaHome() {
        return inRoot(entrypoint().get(0)).getParent().getParent();
    }

    /**
     * The architecture the image's JVM is compiled for, from the ELF header of its java launcher (amd64, arm64, or
     * "unknown"): what an image config's architecture claims, checked against the bytes, where this machine cannot
     * run them.
     */
    public String jvmArchitecture() throws IOException {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(inRoot(entrypoint().get(0)))) {
            if (in.readNBytes(header, 0, 20) < 20 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L'
                    || header[3] != 'F') {
                return "unknown";
            }
        }
        int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8; // e_machine, little-endian on both
        return machine == 0x3e ? "amd64" : machine == 0xb7 ? "arm64" : "unknown";
    }

    /** Whether this machine can run the image's JVM: the same architecture. */
    public boolean runsHere() {
        return architecture().equals(hostArchitecture());
    }

    /** JAVA_VERSION of the image JDK's release file. */
    public String javaVersion() {
        return LambdaJvm.javaVersion(javaHome());
    }

    /** The -cp of the entrypoint, as image paths. */
    public List<String> classPath() {
        List<String> entry = entrypoint();
        int cp = Math.max(entry.indexOf("-cp"), entry.indexOf("-classpath"));
        if (cp < 0) {
            throw new ImageException("the entrypoint names no -cp: " + entry);
        }
        return List.of(entry.get(cp + 1).split(":"));
    }

    /**
     * What an AOT cache is bound to, by content: the JVM (its release, every libjvm.so and lib/modules) and every class
     * path entry. The JDK checks a cached jar's size and time only; this catches any other change.
     */
    public String fingerprint() throws IOException {
        StringBuilder out = new StringBuilder();
        Path javaHome = javaHome();
        out.append("jvm ").append(javaVersion()).append('\n');
        try (Stream<Path> walk = Files.walk(javaHome.resolve("lib"))) {
            for (Path lib : walk.filter(p -> p.getFileName().toString().equals("libjvm.so")).sorted().toList()) {
                out.append(sha256(lib)).append(' ').append(root.relativize(lib)).append('\n');
            }
        }
        out.append(sha256(javaHome.resolve("lib/modules"))).append(" lib/modules\n");
        for (String entry : classPath()) {
            Path file = inRoot(entry);
            out.append(Files.isRegularFile(file) ? sha256(file) : "missing").append(' ').append(entry).append('\n');
        }
        return out.toString();
    }

    /**
     * Starts the image's entrypoint and command as Lambda would, with extra JVM flags after the image's own (before
     * -cp). -XX:MaxRAM gives the JVM the memory a Lambda execution environment of that size has.
     */
    public RunningImage start(int memoryMb, List<String> jvmArgs, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = lambdaEnvironment(memoryMb);
        env.putAll(extraEnv);
        return new RunningImage(commandLine(memoryMb, jvmArgs, true), inRoot(workingDir()), env);
    }

    /** Runs the image's JVM (its flags and class path, no main class) with extra flags to completion. */
    public JvmRun runJvm(int memoryMb, List<String> jvmArgs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(memoryMb, jvmArgs, false))
                .directory(inRoot(workingDir()).toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(memoryMb));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new JvmRun(-1, out + "\n(killed after 300 s)");
        }
        return new JvmRun(process.exitValue(), out);
    }

    /** This machine's architecture, spelled as in an image config. */
    public static String hostArchitecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64"
                : arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch;
    }

    /** The image's environment with what Lambda adds; LAMBDA_* paths in the root. */
    private Map<String, String> lambdaEnvironment(int memoryMb) {
        Map<String, String> env = new LinkedHashMap<>(environment());
        env.put("PATH", rootPaths(env.getOrDefault("PATH", "/usr/bin:/bin")) + ":/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "image");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/image");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", command().isEmpty() ? "" : command().get(0));
        for (Map.Entry<String, String> e : env.entrySet()) {
            e.setValue(e.getKey().startsWith("LAMBDA_") ? rootPaths(e.getValue()) : e.getValue());
        }
        return env;
    }

    /** The entrypoint (and the command when withMain), paths in the root, argument files inlined, extra flags before -cp. */
    private List<String> commandLine(int memoryMb, List<String> jvmArgs, boolean withMain) throws IOException {
        List<String> entry = new ArrayList<>(entrypoint());
        entry.addAll(command());
        int cp = Math.max(entry.indexOf("-cp"), entry.indexOf("-classpath"));
        if (cp < 0) {
            throw new ImageException("the entrypoint names no -cp: " + entrypoint());
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; i < (withMain ? entry.size() : cp + 2); i++) {
            String arg = entry.get(i);
            if (i == cp) {
                command.add("-XX:MaxRAM=" + memoryMb + "m");
                command.add("-D" + LambdaJvm.NATIVE_CLIENT_PROPERTY + "=" + nativeClient());
                command.addAll(jvmArgs);
            }
            if (arg.startsWith("@/") && i < cp) {
                // read here, so that the paths inside resolve in the root too
                for (String flag : Files.readAllLines(inRoot(arg.substring(1)))) {
                    if (!flag.isBlank() && !flag.strip().startsWith("#")) {
                        for (String one : flag.strip().split("\\s+")) {
                            command.add(rootPaths(one));
                        }
                    }
                }
                continue;
            }
            command.add(rootPaths(arg));
        }
        return command;
    }

    /** The RIC's JNI library, unpacked once from its jar in the image (the RIC would write /tmp/.libaws-lambda-jni.so). */
    private Path nativeClient() throws IOException {
        String cpu = hostArchitecture().equals("arm64") ? "aarch_64" : "x86_64";
        String name = "jni/libaws-lambda-jni.linux-" + cpu + ".so";
        Path target = root.resolveSibling("libaws-lambda-jni.so");
        if (Files.isRegularFile(target)) {
            return target;
        }
        for (String entry : classPath()) {
            Path jar = inRoot(entry);
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry lib = zip.getEntry(name);
                if (lib != null) {
                    try (InputStream in = zip.getInputStream(lib)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return target;
                }
            }
        }
        throw new ImageException("no " + name + " in the image's class path " + classPath());
    }

    /** Every absolute image path in an argument (a:b:c lists and -X...=path values too) resolved in the root. */
    String rootPaths(String arg) {
        Matcher m = Pattern.compile("(?<=^|[:=@])(/[^:=]*)").matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group(1);
            boolean inImage = Files.exists(inRoot(path), LinkOption.NOFOLLOW_LINKS)
                    || !path.equals("/") && Files.exists(inRoot(path).getParent(), LinkOption.NOFOLLOW_LINKS);
            m.appendReplacement(out, Matcher.quoteReplacement(inImage ? inRoot(path).toString() : path));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map<String, Object> containerConfig() {
        return object(config.get("config"));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v) {
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v) {
        return v instanceof List ? (List<Object>) v : List.of();
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        for (Object o : list(v)) {
            out.add((String) o);
        }
        return List.copyOf(out);
    }
}
