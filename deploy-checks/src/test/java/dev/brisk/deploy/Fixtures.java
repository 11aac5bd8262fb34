package dev.brisk.deploy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** Test resources by name. */
final class Fixtures {

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            var url = Fixtures.class.getResource("/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Template template(String name) {
        return Template.read(resource("templates/" + name));
    }

    /** Every function of the template expected with SnapStart {@code on}, warm-up off: the dev stage. */
    static Expectations dev(Template template, boolean snapStart) {
        return expectations(template, "dev", snapStart, false);
    }

    static Expectations expectations(Template template, String stage, boolean snapStart, boolean warmup) {
        Map<String, Boolean> snap = new java.util.HashMap<>();
        template.resourcesOfType("AWS::Lambda::Function").keySet().forEach(fn -> snap.put(fn, snapStart));
        return new Expectations(stage, snap, warmup);
    }
}
