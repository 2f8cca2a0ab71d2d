/**
 * Banks as tenants, routes as data, partners approved per bank on a plan.
 * <p>
 * <b>Data.</b> PostgreSQL ({@code db/migration/V1__tenancy.sql}): {@code bank} (one route per bank: upstream URI,
 * response timeout, read failure policy) and {@code partner_plan} (token bucket, daily and monthly quota, active).
 * Written by the admin API under {@code /admin/**} (scope {@code admin}); read by {@link
 * dev.sceneway.gateway.tenancy.TenancyRefresher} every {@code sceneway.gateway.tenancy.refresh-interval} (1 s) into
 * an immutable in-memory snapshot. No request touches JDBC.
 * <p>
 * <b>Config and database.</b> {@code sceneway.gateway.banks.<id>.*} is a bootstrap seed written into the database at
 * every startup, and for those banks <i>config wins at startup</i> (so the tests and the sandbox can pass bank URIs
 * with random ports); an admin change to such a bank lasts until the next restart. Banks only in the database are
 * never touched by a startup. {@code sceneway.gateway.tenancy.seed-plans} is the opposite: it only inserts plans a
 * partner does not have yet, so the database wins and an admin's plan change survives restarts.
 * <p>
 * <b>Approval.</b> A partner (the token's {@code client_id}) with no active plan at the bank it addresses gets 403
 * {@code partner-not-approved}; nothing is forwarded.
 * <p>
 * <b>Failure policy when Redis (the shared limiter) fails or exceeds its command timeout (100 ms).</b>
 * <ul>
 * <li><i>Money-moving requests fail closed</i>: every unsafe method (POST, PUT, PATCH, DELETE) on a bank's API,
 * i.e. payments, credit applications, agreements and whatever is added later, is refused with 503
 * {@code rate-limiter-unavailable} and never forwarded; counted in {@code sceneway.gateway.ratelimit.unavailable}.
 * Not configurable: an unmetered payment is worse than a refused one.</li>
 * <li><i>Reads</i> (GET, HEAD, OPTIONS) follow the route's {@code read_failure_policy}: {@code local-fallback}
 * (default) meters them with a per-replica in-memory token bucket of the same plan (quotas are not counted while
 * Redis is away, so with N replicas a partner may get up to N times its rate), counted in
 * {@code sceneway.gateway.ratelimit.fallback}; or {@code fail-closed} like money-moving requests.</li>
 * </ul>
 */
@NullMarked
package dev.sceneway.gateway.tenancy;

import org.jspecify.annotations.NullMarked;
