// brisk-sqs-archetype: the event source and the queue, and how they must relate
def fifo = oneOf('fifo', ['true', 'false']) == 'true'
oneOf('idempotencyStore', ['dynamodb', 'none'])
def timeout = props.getProperty('timeout') as long
number('batchSize', 1, 10)
def window = fifo ? 0 : number('maximumBatchingWindow', 0, 300)
number('maximumConcurrency', 2, 1000)
number('maxReceiveCount', 5, 1000)
def visibility = number('visibilityTimeout', 0, 43200)
if (visibility < 6 * timeout + window) {
    fail("visibilityTimeout=${visibility}: must be at least 6 x timeout + maximumBatchingWindow = "
            + "${6 * timeout + window} s (AWS's rule), so that a batch still being processed never reappears")
}

// Keep only the files of the chosen variant: no code the project does not use
if (!fifo) {
    def test = new File(project, "src/test/java/${request.packageName.replace('.', '/')}/FifoOrderTest.java")
    if (test.exists() && !test.delete()) {
        fail("could not remove ${test}")
    }
}
