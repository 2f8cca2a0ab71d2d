package dev.sceneway.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Failures where the bank did not answer because the connection failed: refused, reset, closed before the
 * response. A read may be sent again after these; a timeout is not one of them (the bank may still be working).
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return false;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof PrematureCloseException || t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
