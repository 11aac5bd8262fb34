package dev.brisk.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbstractBriskMojoTest {

    @Test
    void jvmArgs_splitOnSpaces_keepingQuotedOnesWhole() {
        assertEquals(List.of("-Xshare:off", "-Dmsg=a b", "-XX:+UseG1GC"),
                AbstractBriskMojo.splitArgs("  -Xshare:off '-Dmsg=a b'\t-XX:+UseG1GC "));
        assertEquals(List.of("-Dempty="), AbstractBriskMojo.splitArgs("-Dempty=\"\""));
        assertEquals(List.of(), AbstractBriskMojo.splitArgs("   "));
    }

    @Test
    void env_pairsSeparatedByCommas_valuesMayHoldEquals() {
        assertEquals(Map.of("S3_ENDPOINT", "http://127.0.0.1:4566", "QUERY", "a=b", "EMPTY", ""),
                AbstractBriskMojo.parseEnv("S3_ENDPOINT=http://127.0.0.1:4566,QUERY=a=b,,EMPTY="));
        assertEquals(List.of("B", "A"), List.copyOf(AbstractBriskMojo.parseEnv("B=1,A=2").keySet()));
    }

    @Test
    void env_withoutAName_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbstractBriskMojo.parseEnv("A=1,novalue"));
        assertEquals("'novalue' is not NAME=value", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AbstractBriskMojo.parseEnv("=x"));
        assertThrows(IllegalArgumentException.class, () -> AbstractBriskMojo.parseEnv("1A=x"));
    }
}
