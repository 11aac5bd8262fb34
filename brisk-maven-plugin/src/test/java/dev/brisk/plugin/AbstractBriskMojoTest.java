package dev.brisk.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbstractBriskMojoTest {

    @Test
    void jvmArgs_splitOnSpaces_keepingQuotedOnesWhole() {
        assertEquals(List.of("-Xshare:off", "-Dmsg=a b", "-XX:+UseG1GC"),
                AbstractBriskMojo.splitArgs("  -Xshare:off '-Dmsg=a b'\t-XX:+UseG1GC "));
        assertEquals(List.of("-Dempty="), AbstractBriskMojo.splitArgs("-Dempty=\"\""));
        assertEquals(List.of(), AbstractBriskMojo.splitArgs("   "));
    }
}
