package dev.sceneway.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class ConnectionFailuresTest {

    @Test
    void isConnectionFailureWhenRefusedOrResetThenTrue() {
        assertThat(ConnectionFailures.isConnectionFailure(new ConnectException("refused"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(
                new IllegalStateException("wrapped", new IOException("Connection reset by peer")))).isTrue();
    }

    @Test
    void isConnectionFailureWhenTimedOutOrAnsweredThenFalse() {
        assertThat(ConnectionFailures.isConnectionFailure(new TimeoutException())).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
                "timeout", new TimeoutException()))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
    }
}
