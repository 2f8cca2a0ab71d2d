package dev.sceneway.gateway.readlane;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The read lane's HTTP/1.1 client to the banks: one pool of keep-alive connections for all of them, the gateway's
 * connect timeout, a response (headers) timeout per request when the caller asks for one. The answer's body is read
 * by whoever relays it, which releases the connection back to the pool.
 *
 * <p>Each bank's base URI gets a client configured once with its host and port (TLS for {@code https}), and a call
 * names only the path: an absolute URL would be parsed again, with a regular expression, on every call.
 */
final class BankClient {

    /** Bank base URIs kept configured; past this (routes changed very often) the map starts over. */
    private static final int MAX_BANKS = 1024;

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final Map<URI, Target> targets = new ConcurrentHashMap<>();

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

    /** A bank's client, and the path its base URI puts in front of every call's path (no trailing slash). */
    private record Target(HttpClient client, String pathPrefix) {
    }

    /**
     * Sends a bodiless request for {@code pathAndQuery} to the bank at {@code bank}; the answer comes once the
     * bank's headers are in, or fails after {@code responseTimeout} when there is one (else the caller bounds the
     * call).
     */
    Mono<Answer> send(HttpMethod method, URI bank, String pathAndQuery, HttpHeaders headers,
            @Nullable Duration responseTimeout) {
        Target target = target(bank);
        return target.client().request(method)
                .uri(target.pathPrefix() + pathAndQuery)
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

    private Target target(URI bank) {
        Target target = targets.get(bank);
        if (target != null) {
            return target;
        }
        if (targets.size() >= MAX_BANKS) {
            targets.clear();
        }
        return targets.computeIfAbsent(bank, this::configure);
    }

    private Target configure(URI bank) {
        boolean https = "https".equalsIgnoreCase(bank.getScheme());
        int port = bank.getPort() != -1 ? bank.getPort() : https ? 443 : 80;
        HttpClient client = http.host(bank.getHost()).port(port);
        String path = bank.getRawPath() == null ? "" : bank.getRawPath();
        return new Target(https ? client.secure() : client,
                path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    void dispose() {
        pool.dispose();
    }
}
