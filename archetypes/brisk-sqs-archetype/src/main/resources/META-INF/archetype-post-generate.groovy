// Runs after generation: checks the properties (batch mode skips validationRegex), then keeps only the files of
// the chosen variant, so that the project carries no code it does not use. A bad property removes the project.
def props = request.properties
def project = new File(request.outputDirectory, request.artifactId)
def fail = { String message ->
    project.deleteDir()
    throw new IllegalArgumentException("brisk-sqs-archetype: " + message)
}
def number = { String key, long min, long max ->
    def text = props.getProperty(key)
    if (!(text ==~ /[0-9]{1,6}/) || (text as long) < min || (text as long) > max) {
        fail("${key}=${text}: expected a whole number from ${min} to ${max}")
    }
    text as long
}
def oneOf = { String key, List<String> allowed ->
    def value = props.getProperty(key)
    if (!allowed.contains(value)) {
        fail("${key}=${value}: expected one of ${allowed.join(', ')}")
    }
    value
}

oneOf('javaVersion', ['21', '25'])
oneOf('architecture', ['arm64', 'x86_64'])
oneOf('snapStart', ['true', 'false'])
def store = oneOf('idempotencyStore', ['dynamodb', 'none'])
def fifo = oneOf('fifo', ['true', 'false']) == 'true'
number('memorySize', 128, 10240)
def timeout = number('timeout', 1, 900)
number('batchSize', 1, 10)
def window = fifo ? 0 : number('maximumBatchingWindow', 0, 300)
number('maximumConcurrency', 2, 1000)
number('maxReceiveCount', 5, 1000)
def visibility = number('visibilityTimeout', 0, 43200)
if (visibility < 6 * timeout + window) {
    fail("visibilityTimeout=${visibility}: AWS asks for at least 6 x timeout + maximumBatchingWindow = "
            + "${6 * timeout + window} s, so that a batch still being processed never reappears")
}

def packagePath = request.packageName.replace('.', '/')
def main = new File(project, "src/main/java/${packagePath}")
def test = new File(project, "src/test/java/${packagePath}")
def delete = { File file ->
    if (!file.delete()) {
        fail("could not remove ${file}")
    }
}

if (store == 'dynamodb') {
    // The in-memory store stands in for the table in tests only
    def inMemory = new File(main, 'InMemoryIdempotencyStore.java')
    if (!inMemory.renameTo(new File(test, 'InMemoryIdempotencyStore.java'))) {
        fail("could not move ${inMemory} to the tests")
    }
} else {
    ['DynamoDbIdempotencyStore', 'DynamoDb', 'SigV4', 'Credentials'].each { delete(new File(main, "${it}.java")) }
    ['DynamoDbIdempotencyStoreTest', 'DynamoDbTest', 'SigV4Test', 'CredentialsTest'].each {
        delete(new File(test, "${it}.java"))
    }
}
if (!fifo) {
    delete(new File(test, 'FifoOrderTest.java'))
}
