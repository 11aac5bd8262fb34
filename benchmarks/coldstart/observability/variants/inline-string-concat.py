"""javac's -XDstringConcat=inline: string concatenation compiled to StringBuilder calls instead of invokedynamic,
so that no StringConcatFactory bootstrap runs at the first concatenation."""
import sys

path = sys.argv[1] + "/pom.xml"
source = open(path).read()
plugin = """      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <configuration>
          <compilerArgs combine.children="append">
            <arg>-XDstringConcat=inline</arg>
          </compilerArgs>
        </configuration>
      </plugin>
"""
if "<plugins>" in source:
    source = source.replace("<plugins>\n", "<plugins>\n" + plugin, 1)
else:
    source = source.replace("</project>", "  <build>\n    <plugins>\n" + plugin + "    </plugins>\n  </build>\n</project>")
open(path, "w").write(source)
