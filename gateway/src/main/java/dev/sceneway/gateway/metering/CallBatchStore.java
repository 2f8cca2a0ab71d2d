package dev.sceneway.gateway.metering;

import java.util.List;

/** Where the metering writer puts a batch of calls: all of them, or none and an exception. */
interface CallBatchStore {

    void store(List<CallRecord> calls);
}
