-- Tenancy: the banks behind the gateway, the route to each bank's services, and which partner may call which bank
-- on which plan. The gateway reads these tables only from a background refresh (tenancy.TenancyRefresher), never
-- on a request; the admin API (/admin/**) writes them.

-- One bank (tenant) and its route: /v1/banks/{id}/** goes to upstream_uri, path unchanged.
create table bank (
    id                    text primary key check (id ~ '^[a-z][a-z0-9]{1,30}$'),
    upstream_uri          text        not null check (upstream_uri ~ '^https?://'),
    -- null: the gateway-wide upstream response timeout
    response_timeout_ms   integer     check (response_timeout_ms > 0),
    -- What the limiter does for this route's READ requests when Redis fails; money-moving requests always fail
    -- closed (see dev.sceneway.gateway.tenancy.FailurePolicy).
    read_failure_policy   text        not null default 'local-fallback'
                                      check (read_failure_policy in ('fail-closed', 'local-fallback')),
    updated_at            timestamptz not null default now()
);

-- A partner (OAuth client_id) approved for a bank, on a plan: a token bucket plus quotas per UTC day and month.
-- No active row: the partner gets 403 partner-not-approved at that bank.
create table partner_plan (
    partner_id            text        not null check (partner_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    bank_id               text        not null references bank (id) on delete cascade,
    capacity              integer     not null check (capacity between 1 and 1000000),
    refill_per_second     integer     not null check (refill_per_second between 1 and 1000000),
    daily_quota           bigint      not null check (daily_quota between 1 and 1000000000000),
    monthly_quota         bigint      not null check (monthly_quota between 1 and 1000000000000),
    active                boolean     not null default true,
    updated_at            timestamptz not null default now(),
    primary key (partner_id, bank_id)
);
