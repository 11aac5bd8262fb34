package dev.brisk.plugin;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Turns a jar's lambdas and method references into ordinary classes at build time, as javac did before Java 8 and
 * as Android's D8 does today. Each {@code invokedynamic} bootstrapped by {@code LambdaMetafactory} becomes a call to a
 * static factory of a class written beside its host ({@code Host$$Lambda$3}), which implements the functional
 * interface and calls the lambda's body; the call sites of one host and interface share that class, each object
 * knowing its site. The JVM then loads a class from the jar where it would have spun a hidden
 * class at the call site's first run: on Lambda's on-demand JVM (C1 only) about 0.27 ms less per call site
 * ({@code benchmarks/coldstart/lambda-cost}), and the AWS SDK binds a thousand of them on its first request.
 *
 * <p>What a lambda does is unchanged: the same body runs with the same arguments, adapted as the metafactory adapts
 * them (casts, boxing, unboxing, primitive widening); a non-capturing lambda is still one instance. What differs is
 * only what reflection sees ({@code getClass()} names a real class). Call sites are left as they are when the rewrite
 * cannot be sure to keep them right: serializable lambdas (their form is part of the serialized data), a target the
 * new class could not reach (a protected method of another package, a class it cannot see), a class outside the jar
 * and the JDK, and classes the caller excludes.
 */
public final class LambdaClasses {

    /** The rewrite's figures: classes changed, call sites rewritten, and the ones left, by reason. */
    public record Result(int hosts, int sites, Map<String, Integer> left) {
        public int leftCount() {
            return left.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final String LMF = "java/lang/invoke/LambdaMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;
    private static final int FLAG_MARKERS = 2;
    private static final int FLAG_BRIDGES = 4;
    private static final Type OBJECT = Type.getObjectType("java/lang/Object");
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, ClassInfo> index = new HashMap<>();
    private final Map<String, Integer> left = new TreeMap<>();
    private int hosts;
    private int sites;

    private LambdaClasses() {
    }

    /**
     * Rewrites a jar in place. Entries keep their order and times; each host's new classes follow it. Classes whose
     * name (internal form, {@code a/b/C}) the filter refuses are copied unchanged.
     */
    public static Result rewriteJar(Path jar, Predicate<String> include) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar), false)) {
            manifest = in.getManifest();
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (SIGNATURE.matcher(e.getName()).matches()) {
                    throw new IllegalArgumentException(jar + " is signed (" + e.getName() + "): a rewritten class would"
                            + " break its signature; leave signed jars out of the function's jar or turn the"
                            + " rewrite off");
                }
                entries.add(new Entry(e, e.isDirectory() ? new byte[0] : in.readAllBytes()));
            }
        }
        LambdaClasses rewrite = new LambdaClasses();
        for (Entry e : entries) {
            if (isClass(e.name())) {
                rewrite.indexClass(e.bytes);
            }
        }
        // written whole before the jar is replaced: a failure leaves the jar as it was
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (JarOutputStream out = manifest != null ? new JarOutputStream(file, manifest) : new JarOutputStream(file)) {
            for (Entry e : entries) {
                String name = e.name();
                if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    continue;
                }
                Map<String, byte[]> written = Map.of(name, e.bytes);
                if (isClass(name) && include.test(name.substring(0, name.length() - ".class".length()))) {
                    written = rewrite.rewriteClass(e.bytes);
                }
                for (Map.Entry<String, byte[]> w : written.entrySet()) {
                    JarEntry entry = new JarEntry(w.getKey());
                    if (e.entry.getTime() != -1) {
                        entry.setTime(e.entry.getTime());
                    }
                    if (e.entry.getMethod() == JarEntry.STORED) {
                        // kept uncompressed, as it was (a nested jar, say, that its reader maps as it is)
                        CRC32 crc = new CRC32();
                        crc.update(w.getValue());
                        entry.setMethod(JarEntry.STORED);
                        entry.setSize(w.getValue().length);
                        entry.setCompressedSize(w.getValue().length);
                        entry.setCrc(crc.getValue());
                    }
                    out.putNextEntry(entry);
                    out.write(w.getValue());
                    out.closeEntry();
                }
            }
        }
        Files.write(jar, file.toByteArray());
        return new Result(rewrite.hosts, rewrite.sites, Map.copyOf(rewrite.left));
    }

    /** A jar entry as read: its name, time and method, and its bytes (none for a folder). */
    private record Entry(JarEntry entry, byte[] bytes) {
        String name() {
            return entry.getName();
        }
    }

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }

    // ---- what the jar declares: access of classes and methods, for the new classes' access checks

    private record ClassInfo(int access, String superName, String[] interfaces, Map<String, Integer> methods) {
    }

    private void indexClass(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        Map<String, Integer> methods = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                methods.put(name + desc, access);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        index.put(reader.getClassName(), new ClassInfo(reader.getAccess(), reader.getSuperName(),
                reader.getInterfaces(), methods));
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    /** A JDK class, not initialised, or null. */
    private static Class<?> jdkClass(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Whether code in package pkg may name this type (a cast, an interface it implements). */
    private boolean typeAccessible(Type type, String pkg) {
        if (type.getSort() == Type.ARRAY) {
            return typeAccessible(type.getElementType(), pkg);
        }
        if (type.getSort() != Type.OBJECT) {
            return true;
        }
        String name = type.getInternalName();
        ClassInfo info = index.get(name);
        if (info != null) {
            return (info.access & Opcodes.ACC_PUBLIC) != 0 || packageOf(name).equals(pkg);
        }
        Class<?> c = jdkClass(name);
        return c != null && Modifier.isPublic(c.getModifiers()) && c.getModule().isExported(c.getPackageName());
    }

    /** Whether code in package pkg may call owner.name desc (resolved as the JVM resolves it, up the hierarchy). */
    private boolean methodAccessible(String owner, String name, String desc, String pkg) {
        if (!typeAccessible(Type.getObjectType(owner), pkg)) {
            return false;
        }
        return resolves(owner, name, desc, pkg, name.equals("<init>"));
    }

    private boolean resolves(String owner, String name, String desc, String pkg, boolean here) {
        if (owner == null) {
            return false;
        }
        ClassInfo info = index.get(owner);
        if (info == null) {
            return jdkMethodPublic(owner, name, desc);
        }
        Integer access = info.methods.get(name + desc);
        if (access != null) {
            if ((access & Opcodes.ACC_PUBLIC) != 0) {
                return true;
            }
            return (access & Opcodes.ACC_PRIVATE) == 0 && packageOf(owner).equals(pkg);
        }
        if (here) {
            return false;
        }
        if (resolves(info.superName, name, desc, pkg, false)) {
            return true;
        }
        for (String itf : info.interfaces) {
            if (resolves(itf, name, desc, pkg, false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean jdkMethodPublic(String owner, String name, String desc) {
        Class<?> c = jdkClass(owner);
        if (c == null) {
            return false;
        }
        if (name.equals("<init>")) {
            for (Constructor<?> k : c.getConstructors()) {
                if (Type.getConstructorDescriptor(k).equals(desc)) {
                    return true;
                }
            }
            return false;
        }
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(desc)) {
                return true;
            }
        }
        return c.isInterface() && jdkMethodPublic("java/lang/Object", name, desc);
    }

    // ---- the rewrite of one class

    private Map<String, byte[]> rewriteClass(byte[] bytes) {
        ClassNode host = new ClassNode();
        new ClassReader(bytes).accept(host, 0);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(host.name + ".class", bytes);
        if ((host.access & Opcodes.ACC_MODULE) != 0 || host.version < Opcodes.V1_8) {
            return out;
        }
        Map<String, String> bridges = new HashMap<>();
        List<MethodNode> newBridges = new ArrayList<>();
        // call sites of one shape (interface, interface methods) share a class: a switch on the site
        Map<String, List<Site>> shapes = new LinkedHashMap<>();
        for (MethodNode method : host.methods) {
            if (method.instructions == null) {
                continue;
            }
            for (AbstractInsnNode insn : method.instructions) {
                if (!(insn instanceof InvokeDynamicInsnNode indy) || !indy.bsm.getOwner().equals(LMF)) {
                    continue;
                }
                String why = unsupported(host, indy);
                if (why != null) {
                    left.merge(why, 1, Integer::sum);
                    continue;
                }
                Target target = target(host, (Handle) indy.bsmArgs[1], bridges, newBridges);
                String shape = indy.name + Type.getReturnType(indy.desc) + indy.bsmArgs[0] + markers(indy)
                        + bridgeTypes(indy);
                shapes.computeIfAbsent(shape, k -> new ArrayList<>()).add(new Site(method, indy, target));
            }
        }
        int count = 0;
        for (List<Site> shape : shapes.values()) {
            String name = freeName(host.name + "$$Lambda$", count, out);
            count = Integer.parseInt(name.substring(name.lastIndexOf('$') + 1)) + 1;
            out.put(name + ".class", lambdaClass(host, name, shape));
            for (int j = 0; j < shape.size(); j++) {
                Site site = shape.get(j);
                site.method.instructions.set(site.indy, new MethodInsnNode(Opcodes.INVOKESTATIC, name,
                        factory(shape, j), site.indy.desc, false));
                sites++;
            }
        }
        if (out.size() == 1) {
            return out;
        }
        host.methods.addAll(newBridges);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        host.accept(writer);
        out.put(host.name + ".class", writer.toByteArray());
        hosts++;
        return out;
    }

    private record Site(MethodNode method, InvokeDynamicInsnNode indy, Target target) {
    }

    private static String factory(List<Site> shape, int site) {
        return shape.size() == 1 ? "create" : "create" + site;
    }

    private String freeName(String prefix, int from, Map<String, byte[]> taken) {
        for (int n = from; ; n++) {
            String name = prefix + n;
            if (!index.containsKey(name) && !taken.containsKey(name + ".class")) {
                return name;
            }
        }
    }

    /** Why a call site stays as it is, or null when it can become a class. */
    private String unsupported(ClassNode host, InvokeDynamicInsnNode indy) {
        String bsm = indy.bsm.getName();
        if (!bsm.equals("metafactory") && !bsm.equals("altMetafactory")) {
            return "another bootstrap method of LambdaMetafactory";
        }
        Object[] args = indy.bsmArgs;
        if (args.length < 3 || !(args[1] instanceof Handle impl)) {
            return "unexpected bootstrap arguments";
        }
        if (bsm.equals("altMetafactory") && ((Integer) args[3] & FLAG_SERIALIZABLE) != 0) {
            return "serializable lambda";
        }
        int tag = impl.getTag();
        if (tag != Opcodes.H_INVOKESTATIC && tag != Opcodes.H_INVOKEVIRTUAL && tag != Opcodes.H_INVOKEINTERFACE
                && tag != Opcodes.H_NEWINVOKESPECIAL && tag != Opcodes.H_INVOKESPECIAL) {
            return "field handle";
        }
        String pkg = packageOf(host.name);
        List<Type> types = new ArrayList<>();
        types.add(Type.getReturnType(indy.desc));
        types.addAll(markers(indy));
        for (Type t : types) {
            if (!typeAccessible(t, pkg)) {
                return "functional interface not public or not in the jar or the JDK";
            }
        }
        Type instantiated = (Type) args[2];
        types.clear();
        types.addAll(List.of(instantiated.getArgumentTypes()));
        types.add(instantiated.getReturnType());
        types.addAll(List.of(effectiveParams(impl)));
        types.add(((Type) args[0]).getReturnType());
        types.addAll(List.of(Type.getArgumentTypes(indy.desc)));
        for (Type t : types) {
            if (!typeAccessible(t, pkg)) {
                return "a type of the lambda not public or not in the jar or the JDK";
            }
        }
        int captured = Type.getArgumentTypes(indy.desc).length;
        if (captured + ((Type) args[0]).getArgumentTypes().length != effectiveParams(impl).length) {
            return "arguments do not match the target";
        }
        boolean own = impl.getOwner().equals(host.name) && isPrivate(host, impl);
        if (tag == Opcodes.H_INVOKESPECIAL) {
            if (!own) {
                return "invokespecial of a method not private to the class";
            }
        } else if (!own && !methodAccessible(impl.getOwner(), impl.getName(), impl.getDesc(), pkg)) {
            return "target not accessible from the package or not found";
        }
        try {
            checkAdaptable(indy, impl);
        } catch (IllegalArgumentException e) {
            return "argument adaptation the rewrite does not do";
        }
        return null;
    }

    private static boolean isPrivate(ClassNode host, Handle impl) {
        for (MethodNode m : host.methods) {
            if (m.name.equals(impl.getName()) && m.desc.equals(impl.getDesc())) {
                return (m.access & Opcodes.ACC_PRIVATE) != 0;
            }
        }
        return false;
    }

    private static List<Type> markers(InvokeDynamicInsnNode indy) {
        return altTypes(indy, FLAG_MARKERS);
    }

    private static List<Type> bridgeTypes(InvokeDynamicInsnNode indy) {
        return altTypes(indy, FLAG_BRIDGES);
    }

    /**
     * altMetafactory's optional lists after its flags: the marker interfaces (count, types) when FLAG_MARKERS, then
     * the bridge method types (count, types) when FLAG_BRIDGES. The one asked for, or none.
     */
    private static List<Type> altTypes(InvokeDynamicInsnNode indy, int which) {
        List<Type> types = new ArrayList<>();
        if (!indy.bsm.getName().equals("altMetafactory")) {
            return types;
        }
        int flags = (Integer) indy.bsmArgs[3];
        int i = 4;
        for (int list : new int[] {FLAG_MARKERS, FLAG_BRIDGES}) {
            if ((flags & list) == 0) {
                continue;
            }
            int n = (Integer) indy.bsmArgs[i++];
            for (int k = 0; k < n; k++, i++) {
                if (list == which) {
                    types.add((Type) indy.bsmArgs[i]);
                }
            }
        }
        return types;
    }

    /** The types of the interface methods a lambda class implements: the one the call site names, then its bridges. */
    private static List<Type> interfaceMethods(InvokeDynamicInsnNode indy) {
        List<Type> methods = new ArrayList<>();
        methods.add((Type) indy.bsmArgs[0]);
        for (Type bridge : bridgeTypes(indy)) {
            if (!methods.contains(bridge)) {
                methods.add(bridge);
            }
        }
        return methods;
    }

    /** The target's parameters as the lambda supplies them: the receiver first for an instance method. */
    private static Type[] effectiveParams(Handle impl) {
        Type[] args = Type.getArgumentTypes(impl.getDesc());
        int tag = impl.getTag();
        if (tag == Opcodes.H_INVOKESTATIC || tag == Opcodes.H_NEWINVOKESPECIAL) {
            return args;
        }
        Type[] all = new Type[args.length + 1];
        all[0] = Type.getObjectType(impl.getOwner());
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static Type implReturn(Handle impl) {
        return impl.getTag() == Opcodes.H_NEWINVOKESPECIAL ? Type.getObjectType(impl.getOwner())
                : Type.getReturnType(impl.getDesc());
    }

    /** Throws IllegalArgumentException when an argument or the result needs an adaptation this class does not do. */
    private static void checkAdaptable(InvokeDynamicInsnNode indy, Handle impl) {
        MethodVisitor none = new MethodVisitor(Opcodes.ASM9) {
        };
        Type instantiated = (Type) indy.bsmArgs[2];
        for (Type sam : interfaceMethods(indy)) {
            body(none, indy, impl, sam, instantiated, new Target(Opcodes.INVOKESTATIC, "x", "x", "()V", false, false),
                    "x");
        }
    }

    // ---- how the new class calls the body: directly, or through a static bridge when the body is private

    private record Target(int opcode, String owner, String name, String desc, boolean itf, boolean construct) {
    }

    private static Target target(ClassNode host, Handle impl, Map<String, String> bridges, List<MethodNode> added) {
        boolean itf = (host.access & Opcodes.ACC_INTERFACE) != 0;
        if (impl.getOwner().equals(host.name) && isPrivate(host, impl)) {
            String key = impl.getTag() + impl.getName() + impl.getDesc();
            Type[] params = effectiveParams(impl);
            String desc = Type.getMethodDescriptor(implReturn(impl), params);
            String name = bridges.get(key);
            if (name == null) {
                name = "lambda$brisk$" + bridges.size();
                while (hasMethod(host, name)) {
                    name = name + "$";
                }
                bridges.put(key, name);
                added.add(bridge(host, itf, name, desc, impl, params));
            }
            return new Target(Opcodes.INVOKESTATIC, host.name, name, desc, itf, false);
        }
        return switch (impl.getTag()) {
            case Opcodes.H_INVOKESTATIC -> new Target(Opcodes.INVOKESTATIC, impl.getOwner(), impl.getName(),
                    impl.getDesc(), impl.isInterface(), false);
            case Opcodes.H_INVOKEVIRTUAL -> new Target(Opcodes.INVOKEVIRTUAL, impl.getOwner(), impl.getName(),
                    impl.getDesc(), false, false);
            case Opcodes.H_INVOKEINTERFACE -> new Target(Opcodes.INVOKEINTERFACE, impl.getOwner(), impl.getName(),
                    impl.getDesc(), true, false);
            case Opcodes.H_NEWINVOKESPECIAL -> new Target(Opcodes.INVOKESPECIAL, impl.getOwner(), impl.getName(),
                    impl.getDesc(), false, true);
            default -> throw new IllegalStateException("unsupported handle " + impl);
        };
    }

    private static boolean hasMethod(ClassNode host, String name) {
        return host.methods.stream().anyMatch(m -> m.name.equals(name));
    }

    /** A static method in the host that calls its private body: the new class, outside the host, cannot. */
    private static MethodNode bridge(ClassNode host, boolean itf, String name, String desc, Handle impl,
            Type[] params) {
        int access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | (itf ? Opcodes.ACC_PUBLIC : 0);
        MethodNode m = new MethodNode(access, name, desc, null, null);
        boolean construct = impl.getTag() == Opcodes.H_NEWINVOKESPECIAL;
        if (construct) {
            m.visitTypeInsn(Opcodes.NEW, host.name);
            m.visitInsn(Opcodes.DUP);
        }
        loadArguments(m, params, 0);
        if (impl.getTag() == Opcodes.H_INVOKESTATIC) {
            m.visitMethodInsn(Opcodes.INVOKESTATIC, host.name, impl.getName(), impl.getDesc(), itf);
        } else {
            m.visitMethodInsn(Opcodes.INVOKESPECIAL, host.name, impl.getName(), impl.getDesc(), itf);
        }
        m.visitInsn(implReturn(impl).getOpcode(Opcodes.IRETURN));
        m.visitMaxs(0, 0);
        return m;
    }

    // ---- the new class

    /**
     * The class of one shape's call sites. With more than one, each object knows its site, and each interface method
     * switches on it to that site's body: one class to load for a host's getters, say, not one per getter. Captured
     * values go in fields by position and kind ({@link #field}), shared by the sites.
     */
    private static byte[] lambdaClass(ClassNode host, String name, List<Site> shape) {
        InvokeDynamicInsnNode first = shape.get(0).indy;
        Type iface = Type.getReturnType(first.desc);
        boolean switched = shape.size() > 1;
        List<String> interfaces = new ArrayList<>();
        interfaces.add(iface.getInternalName());
        for (Type marker : markers(first)) {
            if (!interfaces.contains(marker.getInternalName())) {
                interfaces.add(marker.getInternalName());
            }
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(host.version, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null,
                "java/lang/Object", interfaces.toArray(String[]::new));
        if (switched) {
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "site", "I", null, null).visitEnd();
        }
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        java.util.Set<String> ctors = new java.util.LinkedHashSet<>();
        for (Site site : shape) {
            Type[] captured = Type.getArgumentTypes(site.indy.desc);
            for (int i = 0; i < captured.length; i++) {
                if (fields.add(field(i, captured[i]))) {
                    cw.visitField(Opcodes.ACC_PRIVATE, field(i, captured[i]), fieldType(captured[i]).getDescriptor(),
                            null, null).visitEnd();
                }
            }
            if (ctors.add(ctorDesc(switched, captured))) {
                constructor(cw, name, switched, captured);
            }
        }

        MethodVisitor clinit = null;
        for (int j = 0; j < shape.size(); j++) {
            Site site = shape.get(j);
            Type[] captured = Type.getArgumentTypes(site.indy.desc);
            String ctorDesc = ctorDesc(switched, captured);
            MethodVisitor create = cw.visitMethod(Opcodes.ACC_STATIC, factory(shape, j), site.indy.desc, null, null);
            create.visitCode();
            if (captured.length == 0) {
                // one object per site, as the metafactory gives a non-capturing lambda
                if (clinit == null) {
                    clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
                    clinit.visitCode();
                }
                String field = "I" + j;
                cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, field,
                        iface.getDescriptor(), null, null).visitEnd();
                clinit.visitTypeInsn(Opcodes.NEW, name);
                clinit.visitInsn(Opcodes.DUP);
                if (switched) {
                    push(clinit, j);
                }
                clinit.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", ctorDesc, false);
                clinit.visitFieldInsn(Opcodes.PUTSTATIC, name, field, iface.getDescriptor());
                create.visitFieldInsn(Opcodes.GETSTATIC, name, field, iface.getDescriptor());
            } else {
                create.visitTypeInsn(Opcodes.NEW, name);
                create.visitInsn(Opcodes.DUP);
                if (switched) {
                    push(create, j);
                }
                loadArguments(create, captured, 0);
                create.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", ctorDesc, false);
            }
            create.visitInsn(Opcodes.ARETURN);
            create.visitMaxs(0, 0);
            create.visitEnd();
        }
        if (clinit != null) {
            clinit.visitInsn(Opcodes.RETURN);
            clinit.visitMaxs(0, 0);
            clinit.visitEnd();
        }

        for (Type sam : interfaceMethods(first)) {
            MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, first.name, sam.getDescriptor(), null, null);
            m.visitCode();
            if (!switched) {
                body(m, first, (Handle) first.bsmArgs[1], sam, (Type) first.bsmArgs[2], shape.get(0).target, name);
            } else {
                Label[] cases = new Label[shape.size()];
                for (int j = 0; j < cases.length; j++) {
                    cases[j] = new Label();
                }
                Label other = new Label();
                m.visitVarInsn(Opcodes.ALOAD, 0);
                m.visitFieldInsn(Opcodes.GETFIELD, name, "site", "I");
                m.visitTableSwitchInsn(0, cases.length - 1, other, cases);
                for (int j = 0; j < cases.length; j++) {
                    Site site = shape.get(j);
                    m.visitLabel(cases[j]);
                    m.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
                    body(m, site.indy, (Handle) site.indy.bsmArgs[1], sam, (Type) site.indy.bsmArgs[2], site.target,
                            name);
                }
                m.visitLabel(other);
                m.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
                m.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
                m.visitInsn(Opcodes.DUP);
                m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
                m.visitInsn(Opcodes.ATHROW);
            }
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The field of a captured value: by its position and kind, references in an Object field. */
    private static String field(int position, Type captured) {
        return "c" + position + (isReference(captured) ? "L" : captured.getDescriptor());
    }

    private static Type fieldType(Type captured) {
        return isReference(captured) ? OBJECT : captured;
    }

    private static String ctorDesc(boolean switched, Type[] captured) {
        List<Type> params = new ArrayList<>();
        if (switched) {
            params.add(Type.INT_TYPE);
        }
        params.addAll(List.of(captured));
        return Type.getMethodDescriptor(Type.VOID_TYPE, params.toArray(Type[]::new));
    }

    private static void constructor(ClassWriter cw, String name, boolean switched, Type[] captured) {
        MethodVisitor ctor = cw.visitMethod(Opcodes.ACC_PRIVATE, "<init>", ctorDesc(switched, captured), null, null);
        ctor.visitCode();
        ctor.visitVarInsn(Opcodes.ALOAD, 0);
        ctor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        int slot = 1;
        if (switched) {
            ctor.visitVarInsn(Opcodes.ALOAD, 0);
            ctor.visitVarInsn(Opcodes.ILOAD, slot++);
            ctor.visitFieldInsn(Opcodes.PUTFIELD, name, "site", "I");
        }
        for (int i = 0; i < captured.length; i++) {
            ctor.visitVarInsn(Opcodes.ALOAD, 0);
            ctor.visitVarInsn(captured[i].getOpcode(Opcodes.ILOAD), slot);
            ctor.visitFieldInsn(Opcodes.PUTFIELD, name, field(i, captured[i]), fieldType(captured[i]).getDescriptor());
            slot += captured[i].getSize();
        }
        ctor.visitInsn(Opcodes.RETURN);
        ctor.visitMaxs(0, 0);
        ctor.visitEnd();
    }

    /** Pushes a method's arguments of these types, from the local variable slot given, onto the stack. */
    private static void loadArguments(MethodVisitor m, Type[] types, int firstSlot) {
        int slot = firstSlot;
        for (Type t : types) {
            m.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
            slot += t.getSize();
        }
    }

    private static void push(MethodVisitor m, int value) {
        if (value <= 5) {
            m.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            m.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value <= Short.MAX_VALUE) {
            m.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            m.visitLdcInsn(value);
        }
    }

    /** The interface method: captured values and arguments, adapted, to the target; its result, adapted, back. */
    private static void body(MethodVisitor m, InvokeDynamicInsnNode indy, Handle impl, Type sam, Type instantiated,
            Target target, String owner) {
        Type[] captured = Type.getArgumentTypes(indy.desc);
        Type[] params = effectiveParams(impl);
        Type[] samArgs = sam.getArgumentTypes();
        Type[] instArgs = instantiated.getArgumentTypes();
        if (samArgs.length != instArgs.length || captured.length + samArgs.length != params.length) {
            throw new IllegalArgumentException("arity");
        }
        if (target.construct) {
            m.visitTypeInsn(Opcodes.NEW, target.owner);
            m.visitInsn(Opcodes.DUP);
        }
        for (int i = 0; i < captured.length; i++) {
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitFieldInsn(Opcodes.GETFIELD, owner, field(i, captured[i]), fieldType(captured[i]).getDescriptor());
            if (isReference(captured[i]) && !captured[i].equals(OBJECT)) {
                m.visitTypeInsn(Opcodes.CHECKCAST, captured[i].getInternalName());
            }
            adapt(m, captured[i], params[i]);
        }
        int slot = 1;
        for (int j = 0; j < samArgs.length; j++) {
            Type from = samArgs[j];
            m.visitVarInsn(from.getOpcode(Opcodes.ILOAD), slot);
            slot += from.getSize();
            Type inst = instArgs[j];
            if (isReference(from) && isReference(inst) && !inst.equals(from)) {
                if (!inst.equals(OBJECT)) {
                    m.visitTypeInsn(Opcodes.CHECKCAST, inst.getInternalName());
                }
                from = inst;
            }
            adapt(m, from, params[captured.length + j]);
        }
        m.visitMethodInsn(target.opcode, target.owner, target.name, target.desc, target.itf);
        Type result = implReturn(impl);
        Type samReturn = sam.getReturnType();
        if (samReturn.getSort() == Type.VOID) {
            if (result.getSort() != Type.VOID) {
                m.visitInsn(result.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
            }
            m.visitInsn(Opcodes.RETURN);
            return;
        }
        if (result.getSort() == Type.VOID) {
            throw new IllegalArgumentException("void target for a value");
        }
        Type inst = instantiated.getReturnType(); // not void: the interface's method returns a value
        adapt(m, result, inst);
        adapt(m, inst, samReturn);
        m.visitInsn(samReturn.getOpcode(Opcodes.IRETURN));
    }

    private static boolean isReference(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }

    private static final Map<Integer, String> WRAPPERS = Map.of(Type.BOOLEAN, "java/lang/Boolean",
            Type.BYTE, "java/lang/Byte", Type.SHORT, "java/lang/Short", Type.CHAR, "java/lang/Character",
            Type.INT, "java/lang/Integer", Type.LONG, "java/lang/Long", Type.FLOAT, "java/lang/Float",
            Type.DOUBLE, "java/lang/Double");

    private static Type primitiveOf(Type wrapper) {
        for (Map.Entry<Integer, String> e : WRAPPERS.entrySet()) {
            if (e.getValue().equals(wrapper.getInternalName())) {
                return switch (e.getKey()) {
                    case Type.BOOLEAN -> Type.BOOLEAN_TYPE;
                    case Type.BYTE -> Type.BYTE_TYPE;
                    case Type.SHORT -> Type.SHORT_TYPE;
                    case Type.CHAR -> Type.CHAR_TYPE;
                    case Type.INT -> Type.INT_TYPE;
                    case Type.LONG -> Type.LONG_TYPE;
                    case Type.FLOAT -> Type.FLOAT_TYPE;
                    default -> Type.DOUBLE_TYPE;
                };
            }
        }
        return null;
    }

    /** Converts the value on the stack as the metafactory converts it: cast, box, unbox, widen. */
    static void adapt(MethodVisitor m, Type from, Type to) {
        if (from.equals(to)) {
            return;
        }
        boolean fromRef = isReference(from);
        boolean toRef = isReference(to);
        if (!fromRef && !toRef) {
            widen(m, from, to);
        } else if (!fromRef) {
            String wrapper = WRAPPERS.get(from.getSort());
            m.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                    "(" + from.getDescriptor() + ")L" + wrapper + ";", false);
            if (!to.equals(OBJECT) && !to.getInternalName().equals(wrapper)) {
                m.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
            }
        } else if (!toRef) {
            Type primitive = primitiveOf(from);
            if (primitive == null) {
                primitive = to;
                m.visitTypeInsn(Opcodes.CHECKCAST, WRAPPERS.get(to.getSort()));
                from = Type.getObjectType(WRAPPERS.get(to.getSort()));
            }
            m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, from.getInternalName(), primitive.getClassName() + "Value",
                    "()" + primitive.getDescriptor(), false);
            widen(m, primitive, to);
        } else if (!to.equals(OBJECT)) {
            m.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
        }
    }

    private static void widen(MethodVisitor m, Type from, Type to) {
        if (from.equals(to)) {
            return;
        }
        int f = from.getSort();
        int t = to.getSort();
        boolean intLike = f == Type.BYTE || f == Type.SHORT || f == Type.CHAR || f == Type.INT;
        if ((intLike && t == Type.INT) || (f == Type.BYTE && t == Type.SHORT)) {
            return;
        }
        if (intLike && t == Type.LONG) {
            m.visitInsn(Opcodes.I2L);
        } else if (intLike && t == Type.FLOAT) {
            m.visitInsn(Opcodes.I2F);
        } else if (intLike && t == Type.DOUBLE) {
            m.visitInsn(Opcodes.I2D);
        } else if (f == Type.LONG && t == Type.FLOAT) {
            m.visitInsn(Opcodes.L2F);
        } else if (f == Type.LONG && t == Type.DOUBLE) {
            m.visitInsn(Opcodes.L2D);
        } else if (f == Type.FLOAT && t == Type.DOUBLE) {
            m.visitInsn(Opcodes.F2D);
        } else {
            throw new IllegalArgumentException("no widening from " + from + " to " + to);
        }
    }
}
