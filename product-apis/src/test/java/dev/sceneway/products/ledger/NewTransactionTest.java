package dev.sceneway.products.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewTransactionTest {

    @Test
    void transactionWhenItHasOnePostingThenRefused() {
        assertThatThrownBy(() -> new NewTransaction(UUID.randomUUID(), "transfer", "One leg", Instant.now(),
                List.of(Posting.credit("A", BigDecimal.TEN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 postings");
    }

    @Test
    void transactionWhenAnAccountIsPostedTwiceThenRefused() {
        assertThatThrownBy(() -> new NewTransaction(UUID.randomUUID(), "transfer", "Twice", Instant.now(),
                List.of(Posting.credit("A", BigDecimal.TEN), Posting.debit("A", BigDecimal.TEN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
    }

    @Test
    void postingWhenAmountHasThreeDecimalsThenRefusedNotRounded() {
        assertThatThrownBy(() -> Posting.credit("A", new BigDecimal("1.005")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2 decimals");
    }

    @Test
    void postingWhenAmountIsZeroThenRefused() {
        assertThatThrownBy(() -> Posting.credit("A", new BigDecimal("0.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be zero");
    }

    @Test
    void postingWhenAmountHasFewerDecimalsThenKeptAtScaleTwo() {
        assertThat(Posting.debit("A", new BigDecimal("7")).amount()).isEqualTo(new BigDecimal("-7.00"));
    }

    @Test
    void transferWhenAmountIsNotPositiveThenRefused() {
        assertThatThrownBy(() -> NewTransaction.transfer(UUID.randomUUID(), "transfer", "Backwards", Instant.now(),
                "A", "B", new BigDecimal("-1.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be > 0");
    }

    @Test
    void transactionWhenKindIsNotLowerCaseWordsThenRefused() {
        assertThatThrownBy(() -> NewTransaction.transfer(UUID.randomUUID(), "Transfer!", "Bad kind", Instant.now(),
                "A", "B", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    }
}
