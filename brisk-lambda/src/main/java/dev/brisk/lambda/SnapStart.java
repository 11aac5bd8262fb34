package dev.brisk.lambda;

/**
 * SnapStart priming: code that runs once before Lambda takes the snapshot (load and link the request path, build what
 * is costly) and once after each restore (re-create what must be unique). Registered only when Lambda initialises the
 * function for a snapshot; on an on-demand start nothing of CRaC is loaded. In a handler's constructor:
 *
 * <pre>{@code
 * if (SnapStart.isSnapshotting()) {
 *     SnapStart.register(new Priming(this));   // an on-demand start does not even load the priming class
 * }
 * }</pre>
 */
public final class SnapStart {

    /** The reserved variable that says how Lambda is initialising this environment. */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    private SnapStart() {
    }

    /** What runs around the snapshot. */
    public interface Priming {

        /** Before the snapshot: exercise the request path with no network and no effect. */
        void beforeCheckpoint() throws Exception;

        /** After each restore: re-create what must not be shared by restored copies (connections, seeds). */
        default void afterRestore() throws Exception {
        }
    }

    /** True when Lambda is initialising this environment for a SnapStart snapshot. */
    public static boolean isSnapshotting() {
        return "snap-start".equals(System.getenv(INITIALIZATION_TYPE));
    }

    /**
     * Registers {@code priming} with the runtime when Lambda initialises for a snapshot, and keeps it reachable (the
     * runtime holds its resources weakly). Returns whether it was registered: false on an on-demand start.
     */
    public static boolean register(Priming priming) {
        if (!isSnapshotting()) {
            return false;
        }
        CracPriming.register(priming);
        return true;
    }
}
