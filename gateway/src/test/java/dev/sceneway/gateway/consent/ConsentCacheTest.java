package dev.sceneway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentCacheTest {

    private final ConsentCache cache = new ConsentCache(10, Duration.ofSeconds(30));

    @Test
    void getWhenNotYetSubscribedThenNothingIsCachedOrServed() {
        cache.put("c1", snapshot("c1", "Authorised"), cache.epoch());

        assertThat(cache.get("c1")).isNull();
        cache.subscribed();
        assertThat(cache.get("c1")).as("not kept from before the subscription").isNull();
    }

    @Test
    void dropWhenNoticeArrivesThenOnlyThatConsentIsReadAgain() {
        cache.subscribed();
        cache.put("c1", snapshot("c1", "Authorised"), cache.epoch());
        cache.put("c2", snapshot("c2", "Authorised"), cache.epoch());

        cache.drop("c1");

        assertThat(cache.get("c1")).isNull();
        assertThat(cache.get("c2")).isNotNull();
    }

    @Test
    void putWhenANoticeArrivedDuringTheReadThenTheStaleSnapshotIsNotKept() {
        cache.subscribed();
        long beforeRead = cache.epoch();
        // The read returns Authorised; meanwhile the auth-server revokes and its notice is handled.
        cache.drop("c1");
        cache.put("c1", snapshot("c1", "Authorised"), beforeRead);

        assertThat(cache.get("c1")).isNull();
    }

    @Test
    void connectionLostThenEverythingIsForgottenAndNothingServedUntilResubscribed() {
        cache.subscribed();
        cache.put("c1", snapshot("c1", "Authorised"), cache.epoch());

        cache.connectionLost();
        cache.put("c2", snapshot("c2", "Authorised"), cache.epoch());

        assertThat(cache.live()).isFalse();
        assertThat(cache.get("c1")).isNull();
        cache.subscribed();
        assertThat(cache.get("c1")).isNull();
        assertThat(cache.get("c2")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void constructorWhenBoundsAreNotPositiveThenFailsNamingThem() {
        assertThatThrownBy(() -> new ConsentCache(0, Duration.ofSeconds(1)))
                .hasMessage("maxEntries must be > 0, but was 0");
        assertThatThrownBy(() -> new ConsentCache(1, Duration.ZERO)).hasMessage("maxAge must be > 0, but was PT0S");
    }

    static ConsentSnapshot snapshot(String id, String status) {
        return new ConsentSnapshot(id, "account-access", status, "lakeside", "renovation-demo", "alice",
                List.of("accounts"), null, null);
    }
}
