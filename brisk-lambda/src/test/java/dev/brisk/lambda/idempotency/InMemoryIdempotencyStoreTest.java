package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** DynamoDB's conditional writes are atomic by contract; here the store's own locking is what is tested. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    IdempotencyStore store() {
        return new InMemoryIdempotencyStore(TTL, 100, clock);
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheOldestFirst() {
        IdempotencyStore store = new InMemoryIdempotencyStore(TTL, 2, clock);
        for (String id : new String[] {"a", "b", "c"}) {
            store.claim(id, Duration.ofMinutes(1));
            store.complete(id);
        }

        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("a", Duration.ofMinutes(1)), "a was dropped");
        assertEquals(IdempotencyStore.Claim.DONE, store.claim("c", Duration.ofMinutes(1)));
    }

    @Test
    void ofConcurrentClaimsExactlyOneAcquires() throws Exception {
        IdempotencyStore store = store();
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<IdempotencyStore.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                claims.add(() -> store.claim("contended", Duration.ofMinutes(1)));
            }
            int acquired = 0;
            for (Future<IdempotencyStore.Claim> claim : pool.invokeAll(claims)) {
                acquired += claim.get() == IdempotencyStore.Claim.ACQUIRED ? 1 : 0;
            }
            assertEquals(1, acquired);
        } finally {
            pool.shutdownNow();
        }
    }
}
