package dev.sceneway.gateway.readlane;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The read lane's HTTP/1.1 client to the banks: one pool of keep-alive connections for all of them, the gateway's
 * connect timeout, a response (headers) timeout per request. The answer's body is read by whoever relays it, which
 * releases the connection back to the pool.
 */
final class BankClient {

    private final ConnectionProvider pool;
    private final HttpClient http;

    BankClient(int maxConnections, int connectTimeoutMillis) {
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0, but was " + maxConnections);
        }
        this.pool = ConnectionProvider.builder("sceneway-read-lane")
                .maxConnections(maxConnections)
                // A bank that closes idle connections sooner would otherwise hand the lane dead ones.
                .maxIdleTime(Duration.ofSeconds(20))
                .pendingAcquireTimeout(Duration.ofMillis(connectTimeoutMillis))
                .build();
        this.http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .keepAlive(true);
    }

    /** The bank's status line and headers, with the connection its body arrives on. */
    record Answer(HttpClientResponse response, Connection connection) {

        int status() {
            return response.status().code();
        }
    }

    /**
     * Sends a bodiless request; the answer comes once the bank's headers are in, or fails after
     * {@code responseTimeout} when there is one (else the caller bounds the call).
     */
    Mono<Answer> send(HttpMethod method, String url, HttpHeaders headers, @Nullable Duration responseTimeout) {
        return http.request(method)
                .uri(url)
                .send((request, out) -> {
                    HttpHeaders outgoing = request.requestHeaders();
                    String host = outgoing.get(HttpHeaderNames.HOST);
                    outgoing.set(headers);
                    if (host != null) {
                        // The bank's own host (as the filter chain sends it), not the caller's.
                        outgoing.set(HttpHeaderNames.HOST, host);
                    }
                    if (responseTimeout != null) {
                        request.responseTimeout(responseTimeout);
                    }
                    return out;
                })
                .responseConnection((response, connection) -> Mono.just(new Answer(response, connection)))
                .next();
    }

    void dispose() {
        pool.dispose();
    }
}
