// brisk-s3-pipeline-archetype: the prefixes are S3 key prefixes the policy and the rule are scoped to
def prefix = { String key ->
    def value = matches(key, /([A-Za-z0-9][A-Za-z0-9._-]*\/)+/, 'a key prefix of folder names, each ending in /, such as incoming/')
    if (value.contains('..')) {
        fail("${key}=${value}: must not contain '..'")
    }
    value
}
def input = prefix('inputPrefix')
def output = prefix('outputPrefix')
if (output.startsWith(input) || input.startsWith(output)) {
    fail("outputPrefix=${output}: must not overlap inputPrefix=${input}, or every output would trigger the function again")
}
number('maxAttempts', 1, 9)
