package dev.brisk.lambda.metrics;

/** The CloudWatch units a metric line may declare, spelled as CloudWatch spells them. */
public enum Unit {
    MILLISECONDS("Milliseconds"),
    SECONDS("Seconds"),
    MICROSECONDS("Microseconds"),
    COUNT("Count"),
    PERCENT("Percent"),
    BYTES("Bytes"),
    KILOBYTES("Kilobytes"),
    MEGABYTES("Megabytes"),
    COUNT_PER_SECOND("Count/Second"),
    NONE("None");

    private final String cloudWatchName;

    Unit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The name CloudWatch expects in a metric directive ("Milliseconds", "Count/Second"). */
    public String cloudWatchName() {
        return cloudWatchName;
    }
}
