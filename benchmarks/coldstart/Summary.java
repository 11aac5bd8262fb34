import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Prints one Markdown row per variant from each variant's target/brisk/coldstart.json. */
public class Summary {

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        System.out.println("| variant | what is undone | jar KB | classes loaded | total ms (median) | floor ms (median) | ratio to floor |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        List<Path> dirs;
        try (Stream<Path> list = Files.list(work)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : dirs) {
            Path json = dir.resolve("target/brisk/coldstart.json");
            if (!Files.exists(json)) {
                continue;
            }
            String text = Files.readString(json);
            String function = section(text, "\"function\": {");
            String floor = section(text, "\"floor\": {");
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s |%n",
                    dir.getFileName(),
                    Files.readString(dir.resolve("target/brisk/variant.txt")).strip(),
                    number(text, "jarKb"),
                    number(function, "classesLoaded"),
                    median(function, "totalMs"),
                    median(floor, "totalMs"),
                    number(text, "ratioToFloor") + "x");
        }
    }

    private static String section(String text, String start) {
        int from = text.indexOf(start, text.indexOf("\"results\""));
        return text.substring(from);
    }

    private static String median(String text, String figure) {
        return number(text.substring(text.indexOf("\"" + figure + "\"")), "median");
    }

    private static String number(String text, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([0-9.]+)").matcher(text);
        return m.find() ? m.group(1) : "?";
    }
}
