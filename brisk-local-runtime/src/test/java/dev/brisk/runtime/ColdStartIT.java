package dev.brisk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** brisk:coldstart's engine on a fixture: figures present, consistent with each other, and written as JSON. */
@Timeout(180)
class ColdStartIT {

    private static Path jar;

    @BeforeAll
    static void packageFixtures() throws IOException {
        jar = FixtureJar.build(Path.of("target", "it-fixtures", "coldstart.jar").toAbsolutePath());
    }

    @Test
    void measuresTheFunctionAgainstTheFloor_andWritesJson(@TempDir Path out) throws IOException {
        List<String> progress = new ArrayList<>();
        ColdStart result = ColdStart.measure(LocalLambda.builder().jar(jar).handler("dev.brisk.fixtures.EchoHandler")
                .memoryMb(512), "{\"ping\":true}", 2, progress::add);

        assertEquals(2, progress.size(), progress::toString);
        assertEquals(Files.size(jar) / 1024.0, result.jarKb(), 1e-9);
        assertTrue(result.ratioToFloor() > 0, "ratio " + result.ratioToFloor());
        String table = result.table();
        System.out.println(table);
        for (String row : List.of("init (ms)", "first invoke (ms)", "total (ms)", "peak RSS (MB)", "classes loaded",
                "jar size (KB)", "Ratio to floor (median total): ")) {
            assertTrue(table.contains(row), "missing " + row + " in\n" + table);
        }

        Path file = out.resolve("brisk/coldstart.json");
        result.writeJson(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(file));
        assertEquals(new BigDecimal(2), json.get("runs"));
        assertEquals(new BigDecimal(512), json.get("memoryMb"));
        Map<?, ?> results = (Map<?, ?>) json.get("results");
        for (String side : List.of("function", "floor")) {
            Map<?, ?> r = (Map<?, ?>) results.get(side);
            double init = number(r, "initMs", "median");
            double first = number(r, "firstInvokeMs", "median");
            double total = number(r, "totalMs", "median");
            assertTrue(init > 0 && first > 0, side + ": " + r);
            assertTrue(total >= init, side + " total covers init: " + r);
            assertTrue(number(r, "totalMs", "max") >= total, side + ": max >= median");
            assertTrue(number(r, "peakRssMb", "median") > 0, side + ": " + r);
            assertEquals(2, ((List<?>) r.get("samples")).size());
        }
        long functionClasses = ((BigDecimal) ((Map<?, ?>) results.get("function")).get("classesLoaded")).longValue();
        long floorClasses = ((BigDecimal) ((Map<?, ?>) results.get("floor")).get("classesLoaded")).longValue();
        assertTrue(floorClasses > 300, "the floor loads the JDK's and the runtime's classes: " + floorClasses);
        assertTrue(functionClasses > floorClasses, "a POJO handler needs the serializer: " + functionClasses
                + " vs " + floorClasses);
        double ratio = ((BigDecimal) json.get("ratioToFloor")).doubleValue();
        assertEquals(number((Map<?, ?>) results.get("function"), "totalMs", "median")
                / number((Map<?, ?>) results.get("floor"), "totalMs", "median"), ratio, 0.02);
    }

    @Test
    void aFailingFunction_hasNoColdStartFigures() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ColdStart.measure(
                LocalLambda.builder().jar(jar).handler("dev.brisk.fixtures.ThrowingHandler"), "{}", 1, line -> { }));

        assertTrue(e.getMessage().contains("java.lang.IllegalStateException"), e::getMessage);
    }

    private static double number(Map<?, ?> results, String metric, String stat) {
        return ((BigDecimal) ((Map<?, ?>) results.get(metric)).get(stat)).doubleValue();
    }
}
