package fix.other;

/** A superclass in another package: its protected methods are out of reach of a class in package fix. */
public class Base {
    protected String greet(String who) {
        return "hello " + who;
    }

    protected static String shout(String s) {
        return s.toUpperCase();
    }
}
