package dev.brisk.lambda.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Brisk's own build has moto_server on the PATH: these run, and a missing one fails the build. */
class LocalDynamoDbTest {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @Test
    void startsOneLocalDynamoDbOnLoopbackForTheWholeJvm() {
        assertEquals("127.0.0.1", DYNAMODB.endpoint().getHost());
        assertEquals(DYNAMODB.endpoint(), new LocalDynamoDb().endpoint());
    }

    @Test
    void createsAndDeletesTables_andSaysWhenDynamoDbRefuses() {
        String table = "t-" + UUID.randomUUID();
        DYNAMODB.createTable(table);

        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> DYNAMODB.createTable(table));
        assertTrue(twice.getMessage().contains("ResourceInUseException"), twice.getMessage());

        DYNAMODB.deleteTable(table);
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> DYNAMODB.deleteTable(table));
        assertTrue(gone.getMessage().contains("ResourceNotFoundException"), gone.getMessage());
    }

    @Test
    void aNameDynamoDbWouldRefuseIsRefusedHere() {
        assertThrows(IllegalArgumentException.class, () -> DYNAMODB.createTable("a b"));
    }
}
