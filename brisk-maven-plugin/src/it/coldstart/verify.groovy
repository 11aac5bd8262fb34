import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Ratio to floor (median total): ')
['init (ms)', 'first invoke (ms)', 'total (ms)', 'peak RSS (MB)', 'classes loaded', 'jar size (KB)'].each {
    assert log.contains(it) : "the table has a row for $it"
}
def file = new File(basedir, 'target/brisk/coldstart.json')
assert file.isFile()
def json = new JsonSlurper().parse(file)
assert json.runs == 2
assert json.function == 'coldstart-dev-pong'
assert json.ratioToFloor > 0
assert json.jarKb > 0
['function', 'floor'].each { side ->
    def r = json.results[side]
    assert r.totalMs.median > 0 && r.initMs.median > 0 && r.firstInvokeMs.median > 0
    assert r.peakRssMb.median > 0
    assert r.classesLoaded > 0
    assert r.samples.size() == 2
}
true
