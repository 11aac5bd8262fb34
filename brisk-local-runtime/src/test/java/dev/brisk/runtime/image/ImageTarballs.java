package dev.brisk.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test image tarballs, written as `docker save` (and Jib's buildTar) writes them, with the system's tar. */
final class ImageTarballs {

    private ImageTarballs() {
    }

    /** tar -cf out -C dir (entries): what a layer is. */
    static Path tar(Path dir, Path out, String... entries) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar", "--sort=name", "--owner=0", "--group=0", "-cf",
                out.toString(), "-C", dir.toString()));
        command.addAll(entries.length == 0 ? List.of(".") : List.of(entries));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
        return out;
    }

    /** An image tarball of the given layer folders (base first) and config JSON. */
    static Path image(Path work, String configJson, Path... layerDirs) throws IOException, InterruptedException {
        Path blobs = Files.createDirectories(work.resolve("blobs"));
        List<String> layers = new ArrayList<>();
        StringBuilder diffIds = new StringBuilder();
        for (int i = 0; i < layerDirs.length; i++) {
            String name = "layer" + i + ".tar";
            tar(layerDirs[i], blobs.resolve(name));
            layers.add("\"" + name + "\"");
            diffIds.append(i == 0 ? "" : ",").append("\"sha256:").append(LambdaImage.sha256(blobs.resolve(name)))
                    .append('"');
        }
        Files.writeString(blobs.resolve("config.json"), configJson.replace("DIFF_IDS", diffIds));
        Files.writeString(blobs.resolve("manifest.json"), "[{\"Config\":\"config.json\",\"RepoTags\":[\"t:1\"],"
                + "\"Layers\":[" + String.join(",", layers) + "]}]");
        return tarAll(blobs, work.resolve("image.tar"), layerDirs.length);
    }

    private static Path tarAll(Path blobs, Path out, int layers) throws IOException, InterruptedException {
        List<String> entries = new ArrayList<>(List.of("manifest.json", "config.json"));
        for (int i = 0; i < layers; i++) {
            entries.add("layer" + i + ".tar");
        }
        return tar(blobs, out, entries.toArray(String[]::new));
    }
}
