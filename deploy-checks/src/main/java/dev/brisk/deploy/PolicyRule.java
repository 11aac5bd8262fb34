package dev.brisk.deploy;

import java.util.List;

/** One deployment policy as code: reads a packaged CloudFormation template, returns what breaks it. */
public interface PolicyRule {

    /** Short, stable name, printed in front of every violation. */
    String id();

    List<Violation> check(Template template, Expectations expected);

    /** One broken policy on one resource. */
    record Violation(String rule, String resource, String message) {
        @Override
        public String toString() {
            return "[" + rule + "] " + resource + ": " + message;
        }
    }
}
