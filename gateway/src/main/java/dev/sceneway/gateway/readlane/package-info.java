/**
 * The read lane: GET and HEAD calls to a bank's API answered on Reactor Netty directly, with every policy of the
 * filter chain (token, DPoP binding, scope, partner approval, plan limits, consent, resilience, edge rules,
 * interaction id, identity headers, metering) and none of the framework's per-request layers. Whatever it does not
 * take as-is (a malformed header, a missing token, a refused scope, a body, an unknown bank) goes to the filter
 * chain, which stays the reference behaviour. See docs/decisions/read-lane.md.
 */
@NullMarked
package dev.sceneway.gateway.readlane;

import org.jspecify.annotations.NullMarked;
