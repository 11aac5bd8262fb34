import java.util.zip.ZipFile

// The parent alone must yield target/<artifactId>.jar: shaded, minimized, clean.
def jar = new File(basedir, 'target/legacy-function.jar')
assert jar.isFile() : "no target/legacy-function.jar"

def entries = new ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.name } }
assert entries.contains('org/example/legacy/Greeter.class')
assert entries.contains('com/fasterxml/jackson/jr/ob/JSON.class') : 'dependencies are shaded in'
assert entries.contains('com/amazonaws/services/lambda/runtime/RequestStreamHandler.class')
assert !entries.any { it.startsWith('META-INF/maven/') } : 'Maven metadata filtered out'
assert !entries.any { it.endsWith('module-info.class') } : 'module-info filtered out'
assert !entries.any { it ==~ /META-INF\/[^\/]+\.(SF|DSA|RSA|EC)/ } : 'signatures filtered out'
assert !entries.any { it.startsWith('com/amazonaws/services/lambda/runtime/api/client/') } : 'the runtime client is never bundled'
assert !entries.any { it.startsWith('com/fasterxml/jackson/core/internal/shaded/fdp/') } : 'unreachable jackson parts trimmed'
// Minimized: classes the handler cannot reach are gone
assert !entries.contains('com/amazonaws/services/lambda/runtime/RequestHandler.class')

def release = new File(basedir, 'target/classes/org/example/legacy/Greeter.class').bytes
int major = ((release[6] & 0xff) << 8) | (release[7] & 0xff)
assert major == 65 : "compiled for Java 21 from lambda.java.version, got class version ${major}"

// jackson-core alone is 590 KB and jackson-jr 108 KB: minimized and trimmed, all of it stays well below
assert jar.length() < 560 * 1024 : "jar is ${jar.length()} bytes"
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0') : 'JUnit 5 tests ran through surefire'
println "legacy-function.jar: ${jar.length()} bytes, ${entries.size()} entries"
true
