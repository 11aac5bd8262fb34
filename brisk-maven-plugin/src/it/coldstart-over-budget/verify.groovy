def log = new File(basedir, 'build.log').text
assert log =~ /Cold start budget exceeded: jar \d+\.\d KB is above maxJarKb 0\.1\./
assert new File(basedir, 'target/brisk/coldstart.json').isFile() : 'the figures are written before the budget fails'
true
