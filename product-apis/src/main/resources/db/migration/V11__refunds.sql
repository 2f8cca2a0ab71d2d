-- Refunds of payments to merchants, by the partner that took the payment. Runs in the bank's own schema.
CREATE TABLE refund (
    -- Also the id of the refund's ledger transaction.
    refund_id        UUID          NOT NULL,
    -- Service-level idempotency: one refund per partner (token client_id) and x-idempotency-key, for ever.
    partner          VARCHAR(64)   NOT NULL,
    idempotency_key  VARCHAR(40)   NOT NULL,
    -- SHA-256 (hex) of the request: the same key with another request is refused (idempotency-key-reused).
    request_hash     CHAR(64)      NOT NULL,
    payment_id       UUID          NOT NULL,
    from_account     VARCHAR(64) COLLATE "C" NOT NULL,
    to_account       VARCHAR(64) COLLATE "C" NOT NULL,
    amount           NUMERIC(19,2) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    reference        VARCHAR(140)  NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    CONSTRAINT refund_pk PRIMARY KEY (refund_id),
    CONSTRAINT refund_idempotency_key UNIQUE (partner, idempotency_key),
    CONSTRAINT refund_payment_fk FOREIGN KEY (payment_id) REFERENCES payment (payment_id),
    CONSTRAINT refund_amount_positive CHECK (amount > 0)
);

-- The refunds of one payment (their total is checked under the payment's row lock).
CREATE INDEX refund_payment_idx ON refund (payment_id);
