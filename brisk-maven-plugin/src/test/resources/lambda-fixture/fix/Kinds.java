package fix;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Every kind of lambda call site javac writes, run once each: LambdaClassesTest compiles this source for several
 * releases, runs it before and after the rewrite and compares. Written for --release 8 (no newer APIs).
 */
public class Kinds extends fix.other.Base {
    /** Every functional object made, so the test can see which classes they are. */
    public static final List<Object> FUNCTIONS = new ArrayList<>();
    static final Supplier<String> IN_CLINIT = () -> "from clinit";

    private final String name;
    private int counter;
    private final Supplier<String> inConstructor;

    interface Twice {
        String go(String s);

        default String twice(String s) {
            Function<String, String> f = x -> go(go(x));
            return f.apply(s);
        }

        static Twice exclaim() {
            return s -> s + "!";
        }
    }

    /** A functional interface that overrides a generic one: javac asks for a bridge. */
    interface Named extends Function<String, String> {
        @Override
        String apply(String s);
    }

    /** Two methods of one name, inherited, no bridge in any class file: javac asks the metafactory for one. */
    interface ObjectMaker {
        Object make();
    }

    interface StringMaker {
        String make();
    }

    interface BothMakers extends ObjectMaker, StringMaker {
    }

    interface Wide {
        long apply(int i);
    }

    private Kinds() {
        this("kinds");
    }

    private Kinds(String name) {
        this.name = name;
        this.counter = name.length();
        this.inConstructor = () -> this.name + " made";
    }

    static String staticBody(String s) {
        return "[" + s + "]";
    }

    private static String privateStatic(String s) {
        return "<" + s + ">";
    }

    private String privateInstance(String s) {
        return name + ":" + s;
    }

    String describe() {
        return "kinds";
    }

    /** Overrides a method the host refers to: the reference must dispatch to it, as the metafactory's does. */
    static final class Special extends Kinds {
        Special() {
            super("special");
        }

        @Override
        String describe() {
            return "special";
        }
    }

    int increment() {
        return ++counter;
    }

    static long widenTarget(long v) {
        return v * 3;
    }

    static double many(int a, long b, float c, double d, char e, short f, byte g, boolean h, Object i) {
        return a + b + c + d + e + f + g + (h ? 1 : 0) + i.hashCode();
    }

    Function<String, String> superGreet() {
        return super::greet;
    }

    Function<String, String> protectedFromOtherPackage() {
        return this::greet;
    }

    static Supplier<String> nonCapturing() {
        return () -> "constant";
    }

    private static <T> T keep(T function) {
        FUNCTIONS.add(function);
        return function;
    }

    public static List<Object> run() {
        List<Object> out = new ArrayList<>();
        Kinds k = new Kinds();
        out.add(keep(nonCapturing()).get());
        out.add(nonCapturing() == nonCapturing());
        out.add(keep(IN_CLINIT).get());
        out.add(keep(k.inConstructor).get());

        int local = 41;
        long wide = 1L << 40;
        double d = 2.5;
        char c = 'z';
        boolean b = true;
        short sh = 7;
        byte by = -3;
        float fl = 1.25f;
        Supplier<String> captures = keep(() -> local + ":" + wide + ":" + d + ":" + c + ":" + b + ":" + sh + ":" + by
                + ":" + fl);
        out.add(captures.get());
        out.add(captures != keep((Supplier<String>) () -> local + "")); // capturing: a new object each time

        out.add(keep((Function<String, String>) s -> k.privateInstance(s)).apply("lambda"));
        out.add(keep((Function<String, String>) k::privateInstance).apply("bound"));
        out.add(keep((BiFunction<Kinds, String, String>) Kinds::privateInstance).apply(k, "unbound"));
        out.add(keep((Function<String, String>) Kinds::staticBody).apply("static"));
        out.add(keep((Function<Kinds, String>) Kinds::describe).apply(new Special()));
        out.add(keep((Function<String, String>) Kinds::privateStatic).apply("private static"));
        out.add(keep((Function<String, Integer>) String::length).apply("four"));
        out.add(keep((ToIntFunction<String>) String::length).applyAsInt("three"));
        out.add(keep((IntFunction<String>) Integer::toString).apply(255));
        out.add(keep((IntBinaryOperator) Math::max).applyAsInt(3, 9));
        out.add(keep((LongFunction<Long>) Long::valueOf).apply(wide));
        out.add(keep((Function<Integer, Long>) Kinds::widenTarget).apply(14));
        out.add(keep((Wide) Kinds::widenTarget).apply(5));
        out.add(keep((Function<Object, String>) Object::toString).apply(Arrays.asList(1, 2)));
        out.add(keep((Supplier<Kinds>) Kinds::new).get().name);
        out.add(keep((Function<String, Kinds>) Kinds::new).apply("other").counter);
        out.add(keep((Supplier<ArrayList<String>>) ArrayList::new).get().size());
        out.add(keep((IntFunction<String[]>) String[]::new).apply(3).length);
        Runnable discard = keep((Runnable) k::increment);
        discard.run();
        discard.run();
        out.add(k.counter);
        Runnable statement = keep((Runnable) () -> {
            k.counter += 10;
        });
        statement.run();
        out.add(k.counter);
        out.add(keep((java.util.function.BiPredicate<Kinds, Object>) Kinds::equals).test(k, k));
        out.add(keep((ToIntFunction<Runnable>) Runnable::hashCode).applyAsInt(statement) == statement.hashCode());
        List<String> sink = new ArrayList<>();
        Consumer<String> add = keep((Consumer<String>) sink::add);
        add.accept("x");
        add.accept("y");
        out.add(sink);
        Twice exclaim = keep(Twice.exclaim());
        out.add(exclaim.twice("hey"));
        Twice lambda = keep((Twice) s -> "(" + s + ")");
        out.add(lambda.twice("t"));
        Named named = keep((Named) s -> s + " named");
        out.add(named.apply("plain"));
        @SuppressWarnings("unchecked")
        Function<Object, Object> erased = (Function<Object, Object>) (Function<?, ?>) named;
        out.add(erased.apply("through the bridge"));
        BothMakers both = keep((BothMakers) () -> "made " + local);
        out.add(both.make() + " / " + ((ObjectMaker) both).make());
        Supplier<String> marked = keep((Supplier<String> & RandomAccess) () -> "marked");
        out.add(marked.get() + " " + (marked instanceof RandomAccess));
        Function<String, String> serializable = keep((Function<String, String> & Serializable) s -> s + " ser");
        out.add(serializable.apply("a"));
        out.add(keep(k.superGreet()).apply("super"));
        out.add(keep(k.protectedFromOtherPackage()).apply("protected"));
        out.add(keep((Function<String, String>) fix.other.Base::shout).apply("loud"));
        Supplier<Supplier<String>> nested = keep(() -> keep(() -> "nested " + local));
        out.add(nested.get().get());
        ManyArgs many = keep((ManyArgs) Kinds::many);
        out.add(many.apply(1, 2L, 3f, 4d, 'a', (short) 5, (byte) 6, true, "x"));
        List<String> words = new ArrayList<>(Arrays.asList("ccc", "a", "bb"));
        Collections.sort(words, Comparator.comparing(String::length)); // the comparator is the JDK's own lambda
        out.add(words);
        try {
            keep((Function<String, Integer>) Integer::parseInt).apply("not a number");
        } catch (NumberFormatException e) {
            out.add("thrown " + e.getClass().getSimpleName());
        }
        return out;
    }

    interface ManyArgs {
        Object apply(int a, long b, float c, double d, char e, short f, byte g, boolean h, Object i);
    }
}
