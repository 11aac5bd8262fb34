package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingStoresTest {

    @Test
    void theCannedStoresWalkTheClaimPathOfAFreshAndOfAnAppliedId() {
        List<IdempotencyStore> stores = DynamoDbIdempotencyStore.primingStores();

        assertEquals(IdempotencyStore.Claim.ACQUIRED, stores.get(0).claim("a", Duration.ofSeconds(5)));
        stores.get(0).complete("a");
        stores.get(0).release("a");
        assertEquals(IdempotencyStore.Claim.DONE, stores.get(1).claim("a", Duration.ofSeconds(5)));
    }
}
