// Runs after generation, in batch mode too (which skips archetype-metadata.xml's validationRegex): checks every
// property, and on a bad value removes the generated project and stops with a message naming the property, the value
// and what is allowed. This common part is kept once in archetypes/templates/common/ and copied into every archetype
// at build time; an archetype's own checks (src/main/archetype/post-generate.groovy) are appended below it.
props = request.properties
project = new File(request.outputDirectory, request.artifactId)
archetype = request.archetypeArtifactId

fail = { String message ->
    project.deleteDir()
    throw new IllegalArgumentException("${archetype}: ${message}")
}
number = { String key, long min, long max ->
    def text = props.getProperty(key)
    if (!(text ==~ /[0-9]{1,9}/) || (text as long) < min || (text as long) > max) {
        fail("${key}=${text}: expected a whole number from ${min} to ${max}")
    }
    text as long
}
oneOf = { String key, List<String> allowed ->
    def value = props.getProperty(key)
    if (!allowed.contains(value)) {
        fail("${key}=${value}: expected one of ${allowed.join(', ')}")
    }
    value
}
matches = { String key, String regex, String what ->
    def value = props.getProperty(key)
    if (value == null || !(value ==~ regex)) {
        fail("${key}=${value}: expected ${what}")
    }
    value
}
has = { String key -> props.getProperty(key) != null }

def javaKeywords = ['abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const',
    'continue', 'default', 'do', 'double', 'else', 'enum', 'extends', 'false', 'final', 'finally', 'float', 'for',
    'goto', 'if', 'implements', 'import', 'instanceof', 'int', 'interface', 'long', 'native', 'new', 'null', 'package',
    'private', 'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch', 'synchronized',
    'this', 'throw', 'throws', 'transient', 'true', 'try', 'void', 'volatile', 'while', '_'] as Set
def pkg = props.getProperty('package')
if (!(pkg ==~ /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/)
        || pkg.split('\\.').any { javaKeywords.contains(it) }) {
    fail("package=${pkg}: expected a Java package name (dot-separated identifiers, no keywords), such as com.example.orders")
}
// The artifactId names the Serverless service and the jar
matches('artifactId', /[a-zA-Z][a-zA-Z0-9-]{0,39}/, 'a Serverless service name: a letter, then letters, digits or hyphens, 40 at most')
// Every template has these, bar snapStart in a container image (SnapStart takes zip packages only)
oneOf('javaVersion', ['21', '25'])
oneOf('architecture', ['arm64', 'x86_64'])
number('memorySize', 128, 10240)
number('timeout', 1, 900)
if (has('snapStart')) {
    oneOf('snapStart', ['true', 'false'])
}
matches('region', /[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]/, 'an AWS region such as us-east-1')

