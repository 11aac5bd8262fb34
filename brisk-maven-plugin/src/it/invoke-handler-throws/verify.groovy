def log = new File(basedir, 'build.log').text
assert log.contains('The function failed (java.lang.IllegalArgumentException): no name in {}')
assert log.contains('"errorType": "java.lang.IllegalArgumentException"') : 'the error response is printed'
assert log.contains('REPORT RequestId: ')
assert log.contains('BUILD FAILURE')
true
