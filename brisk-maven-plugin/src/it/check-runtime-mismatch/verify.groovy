def log = new File(basedir, 'build.log').text
assert log.contains("serverless.yml deploys function 'stale' to java21, but the project compiles for java25")
assert !log.contains("function 'current'") : 'the function on the compiled runtime is not named'
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/check-runtime-mismatch.jar').exists() : 'the build stops at validate, before package'
true
