package dev.brisk.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What the rewrite leaves to the JVM, on class files written here with ASM (javac would refuse most of them): each call
 * site a new class could not make as the metafactory would, for each reason; and the value adaptations one by one.
 */
class LambdaClassesAccessTest {

    private static final Handle METAFACTORY = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory",
            "metafactory", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
            + "Ljava/lang/invoke/CallSite;", false);
    private static final String SUPPLIER = "()Ljava/util/function/Supplier;";

    @Test
    void callSitesANewClassCouldNotMake_areLeft_eachForItsReason(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("b/Hidden", clazz("b/Hidden", 0, "java/lang/Object",
                m -> staticString(m, "m", Opcodes.ACC_PUBLIC)));
        classes.put("b/Open", clazz("b/Open", Opcodes.ACC_PUBLIC, "java/lang/Object", m -> {
            staticString(m, "n", 0);
            staticString(m, "p", Opcodes.ACC_PROTECTED);
            staticString(m, "q", Opcodes.ACC_PRIVATE);
            staticString(m, "r", Opcodes.ACC_PUBLIC);
        }));
        classes.put("b/Sub", clazz("b/Sub", Opcodes.ACC_PUBLIC, "b/Open", m -> { }));
        classes.put("b/Face", face("b/Face", 0, null));
        classes.put("b/OpenFace", face("b/OpenFace", Opcodes.ACC_PUBLIC, null));
        classes.put("b/SubFace", face("b/SubFace", Opcodes.ACC_PUBLIC, "b/OpenFace"));
        classes.put("a/Friend", clazz("a/Friend", 0, "java/lang/Object", m -> {
            staticString(m, "f", 0);
            MethodVisitor g = m.visitMethod(Opcodes.ACC_STATIC, "g", "(I)Ljava/lang/String;", null, null);
            g.visitLdcInsn("g");
            g.visitInsn(Opcodes.ARETURN);
            g.visitMaxs(0, 0);
            MethodVisitor h = m.visitMethod(Opcodes.ACC_STATIC, "h", "()Lb/Hidden;", null, null);
            h.visitInsn(Opcodes.ACONST_NULL);
            h.visitInsn(Opcodes.ARETURN);
            h.visitMaxs(0, 0);
            m.visitField(Opcodes.ACC_STATIC, "F", "Ljava/lang/String;", null, null);
        }));
        Type get = Type.getType("()Ljava/lang/Object;");
        Type string = Type.getType("()Ljava/lang/String;");
        classes.put("a/Host", clazz("a/Host", Opcodes.ACC_PUBLIC, "java/lang/Object", m -> {
            site(m, "hiddenClass", "get", SUPPLIER, get, stat("b/Hidden", "m"), string);
            site(m, "packagePrivate", "get", SUPPLIER, get, stat("b/Open", "n"), string);
            site(m, "protectedOther", "get", SUPPLIER, get, stat("b/Open", "p"), string);
            site(m, "privateOther", "get", SUPPLIER, get, stat("b/Open", "q"), string);
            site(m, "publicOther", "get", SUPPLIER, get, stat("b/Open", "r"), string);
            site(m, "inherited", "get", SUPPLIER, get, stat("b/Sub", "r"), string);
            site(m, "samePackage", "get", SUPPLIER, get, stat("a/Friend", "f"), string);
            site(m, "hiddenInterface", "get", "()Lb/Face;", get, stat("b/Open", "r"), string);
            site(m, "missingInterface", "get", "()Lc/Missing;", get, stat("b/Open", "r"), string);
            function(m, "jdkProtected",
                    new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/Object", "clone", "()Ljava/lang/Object;", false),
                    "(Ljava/lang/Object;)Ljava/lang/Object;");
            site(m, "jdkPublic", "applyAsInt", "()Ljava/util/function/ToIntFunction;",
                    Type.getType("(Ljava/lang/Object;)I"),
                    new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/String", "length", "()I", false),
                    Type.getType("(Ljava/lang/String;)I"));
            site(m, "narrowing", "apply", "()Ljava/util/function/LongFunction;", Type.getType("(J)Ljava/lang/Object;"),
                    new Handle(Opcodes.H_INVOKESTATIC, "a/Friend", "g", "(I)Ljava/lang/String;", false),
                    Type.getType("(J)Ljava/lang/String;"));
            site(m, "hiddenType", "get", SUPPLIER, get,
                    new Handle(Opcodes.H_INVOKESTATIC, "a/Friend", "h", "()Lb/Hidden;", false),
                    Type.getType("()Lb/Hidden;"));
            site(m, "field", "get", SUPPLIER, get,
                    new Handle(Opcodes.H_GETSTATIC, "a/Friend", "F", "Ljava/lang/String;", false), string);
            function(m, "special",
                    new Handle(Opcodes.H_INVOKESPECIAL, "java/lang/Object", "toString", "()Ljava/lang/String;", false),
                    "(Ljava/lang/Object;)Ljava/lang/String;");
            function(m, "superInterface",
                    new Handle(Opcodes.H_INVOKEINTERFACE, "b/SubFace", "get", "()Ljava/lang/Object;", true),
                    "(Lb/SubFace;)Ljava/lang/Object;");
            site(m, "constructor", "get", SUPPLIER, get,
                    new Handle(Opcodes.H_NEWINVOKESPECIAL, "b/Sub", "<init>", "()V", false), Type.getType("()Lb/Sub;"));
            function(m, "constructorOfTheSuperclass",
                    new Handle(Opcodes.H_NEWINVOKESPECIAL, "b/Sub", "<init>", "(Ljava/lang/String;)V", false),
                    "(Ljava/lang/String;)Lb/Sub;");
            site(m, "arity", "get", SUPPLIER, get,
                    new Handle(Opcodes.H_INVOKESTATIC, "a/Friend", "g", "(I)Ljava/lang/String;", false), string);
        }));
        Path jar = dir.resolve("crafted.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey() + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }

        LambdaClasses.Result result = LambdaClasses.rewriteJar(jar, name -> true);

        assertEquals(6, result.sites(), "publicOther, inherited, samePackage, jdkPublic, superInterface,"
                + " constructor");
        assertEquals(1, result.hosts());
        assertEquals(Map.of(
                "target not accessible from the package or not found", 6,
                "functional interface not public or not in the jar or the JDK", 2,
                "argument adaptation the rewrite does not do", 1,
                "a type of the lambda not public or not in the jar or the JDK", 1,
                "field handle", 1,
                "invokespecial of a method not private to the class", 1,
                "arguments do not match the target", 1), result.left());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> host = loader.loadClass("a.Host");
            for (String[] run : new String[][] {{"publicOther", "r"}, {"inherited", "r"}, {"samePackage", "f"}}) {
                Supplier<?> s = (Supplier<?>) host.getDeclaredMethod(run[0]).invoke(null);
                assertEquals(run[1], s.get());
                assertFalse(s.getClass().getName().contains("/"), s.getClass().getName());
            }
            ToIntFunction<Object> length = cast(host.getDeclaredMethod("jdkPublic").invoke(null));
            assertEquals(4, length.applyAsInt("four"));
            assertFalse(length.getClass().getName().contains("/"));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    @Test
    void adapt_widensBoxesUnboxesAndCasts_asJavaConverts_andRefusesTheRest(@TempDir Path dir) throws Exception {
        Map<String, String[]> converts = new LinkedHashMap<>();
        converts.put("B", new String[] {"S", "I", "J", "F", "D"});
        converts.put("S", new String[] {"I", "J", "F", "D"});
        converts.put("C", new String[] {"I", "J", "F", "D"});
        converts.put("I", new String[] {"J", "F", "D", "Ljava/lang/Integer;", "Ljava/lang/Object;",
            "Ljava/lang/Number;"});
        converts.put("J", new String[] {"F", "D", "Ljava/lang/Long;"});
        converts.put("F", new String[] {"D"});
        converts.put("Ljava/lang/Integer;", new String[] {"I", "J", "D"});
        converts.put("Ljava/lang/Object;", new String[] {"I", "Ljava/lang/String;"});
        converts.put("Ljava/lang/Character;", new String[] {"C", "I"});
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Adapt", null, "java/lang/Object", null);
        for (Map.Entry<String, String[]> c : converts.entrySet()) {
            for (String to : c.getValue()) {
                Type from = Type.getType(c.getKey());
                Type target = Type.getType(to);
                MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name(from, target),
                        Type.getMethodDescriptor(target, from), null, null);
                m.visitVarInsn(from.getOpcode(Opcodes.ILOAD), 0);
                LambdaClasses.adapt(m, from, target);
                m.visitInsn(target.getOpcode(Opcodes.IRETURN));
                m.visitMaxs(0, 0);
            }
        }
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        Files.write(classes.resolve("Adapt.class"), cw.toByteArray());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Class<?> adapt = loader.loadClass("Adapt");
            assertEquals((short) -3, call(adapt, "B", "S", (byte) -3));
            assertEquals(-3L, call(adapt, "B", "J", (byte) -3));
            assertEquals(7, call(adapt, "S", "I", (short) 7));
            assertEquals(7.0f, call(adapt, "S", "F", (short) 7));
            assertEquals((int) 'z', call(adapt, "C", "I", 'z'));
            assertEquals((double) 'z', call(adapt, "C", "D", 'z'));
            assertEquals(1L << 31, ((Long) call(adapt, "I", "J", Integer.MIN_VALUE)) * -1);
            assertEquals(16777217f, call(adapt, "I", "F", 16777217));
            assertEquals(1e9, call(adapt, "I", "D", 1_000_000_000));
            assertEquals(42, call(adapt, "I", "Ljava/lang/Integer;", 42));
            assertEquals(42, call(adapt, "I", "Ljava/lang/Object;", 42));
            assertEquals(42, call(adapt, "I", "Ljava/lang/Number;", 42));
            assertEquals((float) Long.MAX_VALUE, call(adapt, "J", "F", Long.MAX_VALUE));
            assertEquals((double) (1L << 53) + 2, call(adapt, "J", "D", (1L << 53) + 2));
            assertEquals(5L, call(adapt, "J", "Ljava/lang/Long;", 5L));
            assertEquals((double) 0.1f, call(adapt, "F", "D", 0.1f));
            assertEquals(9, call(adapt, "Ljava/lang/Integer;", "I", 9));
            assertEquals(9L, call(adapt, "Ljava/lang/Integer;", "J", 9));
            assertEquals(9.0, call(adapt, "Ljava/lang/Integer;", "D", 9));
            assertEquals(11, call(adapt, "Ljava/lang/Object;", "I", 11));
            assertEquals("s", call(adapt, "Ljava/lang/Object;", "Ljava/lang/String;", "s"));
            assertEquals('q', call(adapt, "Ljava/lang/Character;", "C", 'q'));
            assertEquals((int) 'q', call(adapt, "Ljava/lang/Character;", "I", 'q'));
            // a cast that fails fails as the metafactory's would
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> call(adapt, "Ljava/lang/Object;", "Ljava/lang/String;", 3));
            assertInstanceOf(ClassCastException.class, e.getCause());
        }
        MethodVisitor none = new MethodVisitor(Opcodes.ASM9) {
        };
        for (String[] narrowing : new String[][] {{"I", "S"}, {"J", "I"}, {"D", "F"}, {"Z", "I"}, {"I", "Z"},
            {"C", "S"}, {"S", "C"}, {"B", "C"}, {"F", "J"}, {"D", "J"}}) {
            assertThrows(IllegalArgumentException.class, () -> LambdaClasses.adapt(none,
                    Type.getType(narrowing[0]), Type.getType(narrowing[1])), String.join(" to ", narrowing));
        }
    }

    private static Object call(Class<?> adapt, String from, String to, Object arg) throws Exception {
        Method m = null;
        for (Method candidate : adapt.getMethods()) {
            if (candidate.getName().equals(name(Type.getType(from), Type.getType(to)))) {
                m = candidate;
            }
        }
        return m.invoke(null, arg);
    }

    private static String name(Type from, Type to) {
        return "from" + from.getDescriptor().replaceAll("[^A-Za-z]", "_") + "To"
                + to.getDescriptor().replaceAll("[^A-Za-z]", "_");
    }

    // ---- class files written with ASM

    private interface Members {
        void write(ClassWriter cw);
    }

    private static byte[] clazz(String name, int access, String superName, Members members) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, access | Opcodes.ACC_SUPER, name, null, superName, null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        members.write(cw);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** An interface with get(), or one that only extends another. */
    private static byte[] face(String name, int access, String extended) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, access | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, name, null, "java/lang/Object",
                extended == null ? null : new String[] {extended});
        if (extended == null) {
            cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "get", "()Ljava/lang/Object;", null, null)
                    .visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void staticString(ClassWriter cw, String name, int access) {
        MethodVisitor m = cw.visitMethod(access | Opcodes.ACC_STATIC, name, "()Ljava/lang/String;", null, null);
        m.visitLdcInsn(name);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
    }

    private static Handle stat(String owner, String name) {
        return new Handle(Opcodes.H_INVOKESTATIC, owner, name, "()Ljava/lang/String;", false);
    }

    /** A site of java.util.function.Function: apply(Object) as the interface method, instantiated as given. */
    private static void function(ClassWriter cw, String name, Handle impl, String instantiated) {
        site(cw, name, "apply", "()Ljava/util/function/Function;",
                Type.getType("(Ljava/lang/Object;)Ljava/lang/Object;"), impl, Type.getType(instantiated));
    }

    /** static Object name() { return (indy: interfaceMethod, sam, impl, instantiated); } */
    private static void site(ClassWriter cw, String name, String interfaceMethod, String indyDesc, Type sam,
            Handle impl, Type instantiated) {
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "()Ljava/lang/Object;", null,
                null);
        m.visitInvokeDynamicInsn(interfaceMethod, indyDesc, METAFACTORY, sam, impl, instantiated);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
    }
}
