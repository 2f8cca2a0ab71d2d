package dev.sceneway.gateway.metering;

/**
 * Something that wants every completed call: the metering buffer, the request metrics, the access log. Called on
 * the request's thread once the response is complete, so an implementation must not block and must not throw.
 */
public interface CallObserver {

    void observe(CallRecord call);
}
