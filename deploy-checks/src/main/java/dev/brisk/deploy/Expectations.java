package dev.brisk.deploy;

import java.util.Map;

/**
 * What a template must say, from sources other than the template itself.
 *
 * @param stage         the stage it was packaged for
 * @param snapStart     per AWS::Lambda::Function logical id: whether SnapStart must be on (serverless.yml as written)
 * @param warmupEnabled whether the warm-up schedule must be enabled in this stage
 */
public record Expectations(String stage, Map<String, Boolean> snapStart, boolean warmupEnabled) {

    public Expectations {
        snapStart = Map.copyOf(snapStart);
    }
}
