package dev.sceneway.products.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.products.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransactionCursorTest {

    @Test
    void cursorWhenEncodedThenDecodesToTheSamePositionToTheMicrosecond() {
        TransactionCursor cursor = new TransactionCursor(Instant.parse("2026-11-17T16:48:00.123456Z"),
                UUID.fromString("9b2d4c7e-51a3-4f0e-8c61-0d5e2f7a9b13"));

        assertThat(TransactionCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]{1,200}");
    }

    @Test
    void cursorWhenNotIssuedByUsThenBadRequestNamingTheParameter() {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1.'; DROP TABLE ledger_entry; --".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> TransactionCursor.decode(forged))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("Parameter 'cursor'");
        assertThatThrownBy(() -> TransactionCursor.decode("a+b/c="))
                .isInstanceOf(ProblemException.class);
    }
}
