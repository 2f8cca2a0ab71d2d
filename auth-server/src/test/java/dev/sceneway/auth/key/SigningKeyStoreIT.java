package dev.sceneway.auth.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.MigratedDatabase;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SigningKeyStoreIT {

    @Test
    void loadCreatingIfMissingWhenTwoReplicasStartTogetherThenExactlyOneKeyIsCreated() throws Exception {
        MigratedDatabase database = MigratedDatabase.create("auth_keys");
        CountDownLatch start = new CountDownLatch(1);
        Callable<SigningKeys> replica = () -> {
            SigningKeyStore store = new SigningKeyStore(database.jdbc(), database.transactions(),
                    new PrivateKeyCipher(new byte[32]));
            start.await(10, TimeUnit.SECONDS);
            return store.loadCreatingIfMissing();
        };

        List<SigningKeys> loaded;
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            List<Future<SigningKeys>> futures = List.of(replicas.submit(replica), replicas.submit(replica));
            start.countDown();
            loaded = List.of(futures.get(0).get(30, TimeUnit.SECONDS), futures.get(1).get(30, TimeUnit.SECONDS));
        }

        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM signing_key", Integer.class)).isEqualTo(1);
        assertThat(loaded.get(0).activeKeyId()).isEqualTo(loaded.get(1).activeKeyId());
    }
}
