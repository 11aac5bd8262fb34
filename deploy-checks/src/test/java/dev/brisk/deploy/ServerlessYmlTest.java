package dev.brisk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerlessYmlTest {

    @Test
    void snapStartIsReadAsWrittenWithCloudFormationTagsAround() {
        ServerlessYml yml = ServerlessYml.read(Fixtures.resource("projects/queue-worker/serverless.yml"));

        assertEquals(List.of("worker"), yml.functions());
        assertEquals(Map.of("worker", true), yml.snapStart());
    }

    @Test
    void anAbsentSnapStartIsOffAndAVariableIsRefused(@TempDir Path dir) throws IOException {
        Path yml = dir.resolve("serverless.yml");
        Files.writeString(yml, "functions:\n  a:\n    handler: A\n  b:\n    handler: B\n    snapStart: ${param:snap}\n");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ServerlessYml.read(yml).snapStart());

        assertTrue(refused.getMessage().contains("functions.b.snapStart must be a literal"), refused::getMessage);
        Files.writeString(yml, "functions:\n  a:\n    handler: A\n");
        assertEquals(Map.of("a", false), ServerlessYml.read(yml).snapStart());
    }
}
