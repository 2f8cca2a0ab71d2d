package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;

/** Redis did not answer the limiter in time or failed: the request is refused, never let through unmetered. */
class RateLimiterUnavailableException extends ProblemException {

    RateLimiterUnavailableException(Throwable cause) {
        super(GatewayProblem.RATE_LIMITER_UNAVAILABLE,
                "The gateway cannot check your rate limit right now, so it did not forward the request. "
                        + "Try again shortly.",
                cause);
    }
}
