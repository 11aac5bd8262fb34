def log = new File(basedir, 'build.log').text
assert log.contains('"greeting": "Hello, Brisk"') : 'the response is printed as JSON'
def reports = log.readLines().findAll { it.contains('REPORT RequestId: ') }
assert reports.size() == 2 : 'one REPORT per invocation'
assert reports[0].contains('\tInit Duration: ') : 'the first invocation is cold'
assert !reports[1].contains('Init Duration') : 'the second is warm'
reports.each {
    assert it =~ /\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB/
}
assert log.contains('with events/hello.json') : 'the first file of events/ is the default event'
assert new File(basedir, 'target/brisk/jni/libaws-lambda-jni.so').isFile()
true
