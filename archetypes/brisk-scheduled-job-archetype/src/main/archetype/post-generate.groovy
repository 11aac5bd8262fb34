// brisk-scheduled-job-archetype: checks of its own properties, appended to the common post-generate script
// (which defines props, project, fail, number, oneOf and matches).

// The cap on work items in flight; a stage's concurrency is 1..maxConcurrency
number('maxConcurrency', 1, 256)

// EventBridge Scheduler expressions: rate(1 minute | N minutes|hours|days) or cron with its six fields
String schedule = matches('schedule',
        /^(rate\((1 (minute|hour|day)|[1-9][0-9]* (minutes|hours|days))\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/,
        'an EventBridge Scheduler expression: rate(5 minutes), rate(1 hour) or cron(0 6 * * ? *)')
if (schedule ==~ /^rate\(1 [a-z]+s\)$/) {
    fail("schedule=${schedule}: expected rate(1 minute), rate(1 hour) or rate(1 day), in the singular")
}

// An IANA time zone name (Scheduler's database is the JDK's): UTC, Europe/Berlin, America/Argentina/Buenos_Aires
String zone = matches('timezone', /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone such as UTC or Europe/Berlin')
try {
    java.time.ZoneId.of(zone)
} catch (Exception e) {
    fail("timezone=${zone}: expected an IANA time zone such as UTC or Europe/Berlin")
}
