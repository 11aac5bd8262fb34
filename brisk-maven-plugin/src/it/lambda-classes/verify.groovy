def log = new File(basedir, 'build.log').text
def rewrite = log.readLines().find { it.contains('Lambda classes: ') }
assert rewrite != null : 'brisk:lambda-classes ran in package'
def sites = (rewrite =~ /Lambda classes: (\d+) call sites/)[0][1] as int
assert sites == 4 : "the handler's four call sites were rewritten: " + rewrite
assert log.contains('"long": "#lazy,#over,#brown,#jumps,#quick"') : 'the lambdas did their work'
assert log.contains('"made": "#made"')
// the functional objects are classes of the jar, not hidden classes (whose names hold a '/')
def classes = (log =~ /"classes": "([^"]*)"/)[0][1]
assert classes ==~ 'it\\.Words\\$\\$Lambda\\$\\d+ it\\.Words\\$\\$Lambda\\$\\d+' : classes
def jar = new java.util.jar.JarFile(new File(basedir, 'target/lambda-classes.jar'))
assert jar.entries().toList().any { it.name ==~ 'it/Words\\$\\$Lambda\\$\\d+\\.class' }
jar.close()
true
