package dev.sceneway.gateway.ratelimit;

import java.util.List;

/**
 * What the token bucket decided for one request.
 *
 * @param allowed whether a token was taken
 * @param remaining whole tokens left after this request
 * @param microsUntilNextToken how long until at least one whole token is available (0 if one already is)
 */
record BucketDecision(boolean allowed, long remaining, long microsUntilNextToken) {

    BucketDecision {
        if (remaining < 0 || microsUntilNextToken < 0) {
            throw new IllegalArgumentException(
                    "remaining and microsUntilNextToken must be >= 0, but were " + remaining + ", " + microsUntilNextToken);
        }
    }

    /** Reads the reply of {@code token_bucket.lua}: {@code {allowed (0|1), remaining, micros until next token}}. */
    static BucketDecision fromScript(List<Long> reply) {
        if (reply.size() != 3) {
            throw new IllegalStateException("token bucket script returned " + reply.size() + " values, expected 3");
        }
        return new BucketDecision(reply.get(0) == 1L, reply.get(1), reply.get(2));
    }

    /** Whole seconds until the next token, rounded up so a client that waits that long is admitted. */
    long secondsUntilNextToken() {
        return Math.ceilDiv(microsUntilNextToken, 1_000_000L);
    }
}
