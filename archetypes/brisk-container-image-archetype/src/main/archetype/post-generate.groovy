// brisk-container-image-archetype: the image's architecture is serverless.yml's, spelled as images spell it
def imageArchitecture = oneOf('imageArchitecture', ['arm64', 'amd64'])
def expectedImageArchitecture = props.getProperty('architecture') == 'x86_64' ? 'amd64' : 'arm64'
if (imageArchitecture != expectedImageArchitecture) {
    fail("imageArchitecture=${imageArchitecture}: expected ${expectedImageArchitecture} for"
            + " architecture=${props.getProperty('architecture')} (images spell x86_64 amd64)")
}
def aotCache = oneOf('aotCache', ['true', 'false'])
// JEP 483's AOT cache needs JDK 24, its one-step training JDK 25: Java 21 images have none
if (props.getProperty('javaVersion') == '21' && aotCache == 'true') {
    fail('javaVersion=21: Java 21 has no AOT cache (JDK 24+), so aotCache must be false: generate with'
            + ' -DaotCache=false and a Java 21 baseImage, or keep javaVersion=25')
}
def base = props.getProperty('baseImage')
if (!(base ==~ /[a-z0-9.\/_-]+:[a-z0-9._-]+(@sha256:[0-9a-f]{64})?/) || !base.contains(':' + props.getProperty('javaVersion'))) {
    fail("baseImage=${base}: expected a Java ${props.getProperty('javaVersion')} image, such as"
            + " eclipse-temurin:${props.getProperty('javaVersion')}-jre or public.ecr.aws/lambda/java:${props.getProperty('javaVersion')},"
            + " pinned by its @sha256 digest")
}
// where the base's JVM is: AWS's base images keep it in /var/lang, JDK images (Temurin's layout) in /opt/java/openjdk
def javaHome = oneOf('baseJavaHome', ['/opt/java/openjdk', '/var/lang'])
def expectedJavaHome = base.startsWith('public.ecr.aws/lambda/') ? '/var/lang' : '/opt/java/openjdk'
if (javaHome != expectedJavaHome) {
    fail("baseImage=${base}: expected baseJavaHome=${expectedJavaHome} (where that image has its JVM), not ${javaHome}")
}
