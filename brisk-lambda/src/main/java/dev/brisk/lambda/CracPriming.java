package dev.brisk.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** A {@link SnapStart.Priming} as a CRaC resource; loaded only under SnapStart, so org.crac is never loaded otherwise. */
final class CracPriming implements Resource {

    /** Strong references: the CRaC context holds its resources weakly. */
    private static final List<CracPriming> HELD = new CopyOnWriteArrayList<>();

    private final SnapStart.Priming priming;

    private CracPriming(SnapStart.Priming priming) {
        this.priming = priming;
    }

    static void register(SnapStart.Priming priming) {
        CracPriming resource = new CracPriming(priming);
        HELD.add(resource);
        Core.getGlobalContext().register(resource);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        priming.beforeCheckpoint();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws Exception {
        priming.afterRestore();
    }
}
