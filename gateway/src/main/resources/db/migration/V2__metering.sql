-- Metering (gateway.metering): every call through the gateway, and a daily aggregate per partner, bank, product and
-- operation that the usage API (GET /admin/usage) reads. Written in batches by the gateway's background writer,
-- never on the request path. Days are UTC days.

-- One row per call: the record billing disputes and support go back to. Nothing personal: the partner's client_id,
-- the bank, the product, the spec's operationId (or method and route pattern), status, latency, interaction id.
CREATE TABLE metering_call (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    partner        text        NOT NULL,
    bank           text        NOT NULL,
    product        text        NOT NULL,
    operation      text        NOT NULL,
    status         smallint    NOT NULL CHECK (status BETWEEN 100 AND 599),
    latency_micros bigint      NOT NULL CHECK (latency_micros >= 0),
    interaction_id text        NOT NULL
);
CREATE INDEX metering_call_occurred_at ON metering_call (occurred_at);

-- Calls, errors and a fixed-bucket latency histogram per UTC day, partner, bank, product and operation.
-- latency_buckets[i] (1-based) counts the calls whose latency fell in bucket i-1 of LatencyHistogram: below 100 µs,
-- then buckets whose bounds grow by a tenth (b + floor(b / 10) µs) up to 60 s, then 60 s and more. Adding the arrays
-- of several rows gives the histogram of their union, from which p95 is read (at most 10% above the true value).
CREATE TABLE metering_daily (
    day             date     NOT NULL,
    partner         text     NOT NULL,
    bank            text     NOT NULL,
    product         text     NOT NULL,
    operation       text     NOT NULL,
    calls           bigint   NOT NULL CHECK (calls >= 0),
    client_errors   bigint   NOT NULL CHECK (client_errors >= 0),
    server_errors   bigint   NOT NULL CHECK (server_errors >= 0),
    latency_buckets bigint[] NOT NULL,
    PRIMARY KEY (partner, bank, day, product, operation)
);
-- A bank's usage across its partners (billing).
CREATE INDEX metering_daily_bank_day ON metering_daily (bank, day);
