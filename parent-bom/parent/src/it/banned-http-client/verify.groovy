def log = new File(basedir, 'build.log').text
assert log.contains('software.amazon.awssdk:apache-client') : 'the enforcer names the banned dependency'
assert log.contains('Keep Lambda jars small') : 'with the reason'
assert !new File(basedir, 'target/heavy-function.jar').exists()
true
