package ${package};

import java.util.Map;

/**
 * What the function reads from its environment (serverless.yml sets it), checked once at init.
 *
 * @param inputPrefix keys that are processed; anything else is ignored
 * @param outputPrefix where results and per-key markers are written, in the same bucket
 * @param maxAttempts S3 calls in all, the first one included
 * @param maxRecordBytes longest accepted line; longer ones are rejected without being held in memory
 * @param maxReportedRejections rejected lines listed by number and reason in the summary; all are counted
 */
record Settings(String inputPrefix, String outputPrefix, int maxAttempts, int maxRecordBytes,
                int maxReportedRejections) {

    Settings {
        if (!inputPrefix.endsWith("/") || !outputPrefix.endsWith("/")) {
            throw new IllegalArgumentException("INPUT_PREFIX and OUTPUT_PREFIX must end with '/'");
        }
        // Results written under the input prefix would trigger the function again, forever
        if (inputPrefix.startsWith(outputPrefix) || outputPrefix.startsWith(inputPrefix)) {
            throw new IllegalArgumentException("INPUT_PREFIX and OUTPUT_PREFIX must not contain one another: "
                    + inputPrefix + ", " + outputPrefix);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("S3_MAX_ATTEMPTS must be 1 to 10, was " + maxAttempts);
        }
        if (maxRecordBytes < 64 || maxRecordBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("MAX_RECORD_BYTES must be 64 bytes to 16 MiB, was " + maxRecordBytes);
        }
    }

    static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                env.getOrDefault("INPUT_PREFIX", "${inputPrefix}"),
                env.getOrDefault("OUTPUT_PREFIX", "${outputPrefix}"),
                Integer.parseInt(env.getOrDefault("S3_MAX_ATTEMPTS", "${maxAttempts}")),
                Integer.parseInt(env.getOrDefault("MAX_RECORD_BYTES", "65536")),
                Integer.parseInt(env.getOrDefault("MAX_REPORTED_REJECTIONS", "1000")));
    }
}
