-- Payments under single-use payment consents, and the record that a consent was used (the outbox from which the use
-- is reported to the auth-server). Runs in the bank's own schema.

CREATE TABLE payment (
    -- Also the id of the payment's ledger transaction (when it completed).
    payment_id       UUID          NOT NULL,
    -- Service-level idempotency: one payment per partner (token client_id) and x-idempotency-key, for ever.
    partner          VARCHAR(64)   NOT NULL,
    idempotency_key  VARCHAR(40)   NOT NULL,
    -- SHA-256 (hex) of the request as the partner sent it, with the consent id: the same key with another request is
    -- refused (idempotency-key-reused), never answered with this payment.
    request_hash     CHAR(64)      NOT NULL,
    consent_id       VARCHAR(64)   NOT NULL,
    customer         VARCHAR(64)   NOT NULL,
    debtor_account   VARCHAR(64) COLLATE "C" NOT NULL,
    creditor_account VARCHAR(64) COLLATE "C" NOT NULL,
    creditor_name    VARCHAR(140)  NOT NULL,
    amount           NUMERIC(19,2) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    reference        VARCHAR(140)  NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    status_reason    VARCHAR(64),
    created_at       TIMESTAMPTZ   NOT NULL,
    CONSTRAINT payment_pk PRIMARY KEY (payment_id),
    CONSTRAINT payment_idempotency_key UNIQUE (partner, idempotency_key),
    CONSTRAINT payment_amount_positive CHECK (amount > 0),
    CONSTRAINT payment_status CHECK (status IN ('completed', 'rejected')),
    CONSTRAINT payment_reason_iff_rejected CHECK ((status = 'rejected') = (status_reason IS NOT NULL))
);

CREATE INDEX payment_consent_idx ON payment (consent_id);

-- At most one use per consent (the primary key decides, not the gateway), written in the same database transaction as
-- the completed payment and its ledger transaction. reported_at is the outbox flag: the use is reported on the Redis
-- stream sceneway:consent-events until that succeeds.
CREATE TABLE consent_use (
    consent_id      VARCHAR(64)  NOT NULL,
    payment_id      UUID         NOT NULL,
    used_at         TIMESTAMPTZ  NOT NULL,
    reported_at     TIMESTAMPTZ,
    report_attempts INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT consent_use_pk PRIMARY KEY (consent_id),
    CONSTRAINT consent_use_payment_fk FOREIGN KEY (payment_id) REFERENCES payment (payment_id)
);

CREATE INDEX consent_use_unreported_idx ON consent_use (used_at) WHERE reported_at IS NULL;
