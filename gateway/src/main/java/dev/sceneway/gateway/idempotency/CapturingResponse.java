package dev.sceneway.gateway.idempotency;

import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Passes the response through while keeping a copy of its body, so that it can be replayed. The body is
 * aggregated and handed to {@code beforeWrite} before it is written: responses to unsafe calls are small, a
 * replay must be byte-identical, and a partner holding the response must find it kept when it retries.
 */
final class CapturingResponse extends ServerHttpResponseDecorator {

    private static final byte[] EMPTY = new byte[0];

    private final long maxBytes;
    private final Function<CapturingResponse, Mono<Void>> beforeWrite;
    private byte[] body = EMPTY;
    private boolean tooLarge;
    private boolean captured;

    CapturingResponse(ServerHttpResponse delegate, long maxBytes, Function<CapturingResponse, Mono<Void>> beforeWrite) {
        super(delegate);
        this.maxBytes = maxBytes;
        this.beforeWrite = beforeWrite;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
        return DataBufferUtils.join(Flux.from(content))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(EMPTY)
                .flatMap(bytes -> {
                    if (bytes.length > maxBytes) {
                        tooLarge = true;
                    } else {
                        body = bytes;
                    }
                    captured = true;
                    return beforeWrite.apply(this)
                            .then(Mono.defer(() -> super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(bytes)))));
                });
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> content) {
        return writeWith(Flux.from(content).concatMap(Flux::from));
    }

    /** True once a body (possibly empty) went through {@link #writeWith}. */
    boolean captured() {
        return captured;
    }

    byte[] body() {
        return body;
    }

    /** True when the body was over the limit of what is kept; it was still passed through. */
    boolean tooLarge() {
        return tooLarge;
    }
}
