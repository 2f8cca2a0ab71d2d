-- Term deposits: the bank's products, and each deposit opened from a customer's current account. The deposit's money
-- sits in an account of its own (kind 'deposit', owned by the customer, no overdraft) from opening to maturity.
-- Runs in the bank's own schema.

ALTER TABLE account DROP CONSTRAINT account_kind;
ALTER TABLE account ADD CONSTRAINT account_kind
    CHECK (kind IN ('current', 'savings', 'merchant', 'internal', 'loan', 'escrow', 'deposit'));

CREATE TABLE term_deposit_product (
    -- "C" collation: ordering by id is byte-wise, the same on every server locale.
    product_id          VARCHAR(64) COLLATE "C" NOT NULL,
    name                VARCHAR(120)  NOT NULL,
    currency            CHAR(3)       NOT NULL,
    term_months         INTEGER       NOT NULL,
    -- Fixed for the whole term; at most 2 decimals, as the API shows it (the interest uses exactly what is shown).
    annual_rate_percent NUMERIC(7,4)  NOT NULL,
    min_amount          NUMERIC(19,2) NOT NULL,
    max_amount          NUMERIC(19,2) NOT NULL,
    -- Retired products stay for the deposits that reference them, but partners no longer see them.
    active              BOOLEAN       NOT NULL DEFAULT TRUE,
    CONSTRAINT term_deposit_product_pk PRIMARY KEY (product_id),
    CONSTRAINT term_deposit_product_id_format CHECK (product_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT term_deposit_product_name_present CHECK (btrim(name) <> ''),
    CONSTRAINT term_deposit_product_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT term_deposit_product_term CHECK (term_months BETWEEN 1 AND 120),
    CONSTRAINT term_deposit_product_rate CHECK (annual_rate_percent >= 0 AND annual_rate_percent < 100
                                                AND annual_rate_percent = round(annual_rate_percent, 2)),
    CONSTRAINT term_deposit_product_amount_range CHECK (min_amount > 0 AND min_amount <= max_amount)
);

CREATE TABLE term_deposit (
    -- Also the id of the deposit's ledger account.
    term_deposit_id  VARCHAR(64) COLLATE "C" NOT NULL,
    -- Service-level idempotency: one deposit per partner (token client_id) and x-idempotency-key, for ever.
    partner          VARCHAR(64)   NOT NULL,
    idempotency_key  VARCHAR(40)   NOT NULL,
    -- SHA-256 (hex) of the request with the consent id: the same key with another request is refused.
    request_hash     CHAR(64)      NOT NULL,
    consent_id       VARCHAR(64)   NOT NULL,
    customer         VARCHAR(64)   NOT NULL,
    product_id       VARCHAR(64) COLLATE "C" NOT NULL,
    source_account   VARCHAR(64) COLLATE "C" NOT NULL,
    principal        NUMERIC(19,2) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    -- The terms fixed at opening (a later product change does not touch them).
    annual_rate_percent NUMERIC(7,4) NOT NULL,
    term_months      INTEGER       NOT NULL,
    start_date       DATE          NOT NULL,
    maturity_date    DATE          NOT NULL,
    days             INTEGER       NOT NULL,
    interest         NUMERIC(19,2) NOT NULL,
    maturity_amount  NUMERIC(19,2) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    opened_at        TIMESTAMPTZ   NOT NULL,
    matured_at       TIMESTAMPTZ,
    CONSTRAINT term_deposit_pk PRIMARY KEY (term_deposit_id),
    -- Deferred: the deposit row claims its idempotency key first, its account is opened right after, same transaction.
    CONSTRAINT term_deposit_account_fk FOREIGN KEY (term_deposit_id) REFERENCES account (account_id)
        DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT term_deposit_source_fk FOREIGN KEY (source_account) REFERENCES account (account_id),
    CONSTRAINT term_deposit_product_fk FOREIGN KEY (product_id) REFERENCES term_deposit_product (product_id),
    CONSTRAINT term_deposit_idempotency_key UNIQUE (partner, idempotency_key),
    CONSTRAINT term_deposit_principal_positive CHECK (principal > 0),
    CONSTRAINT term_deposit_dates CHECK (maturity_date > start_date AND days = maturity_date - start_date),
    CONSTRAINT term_deposit_interest CHECK (interest >= 0 AND maturity_amount = principal + interest),
    CONSTRAINT term_deposit_status CHECK (status IN ('active', 'matured')),
    CONSTRAINT term_deposit_matured_at CHECK ((status = 'matured') = (matured_at IS NOT NULL))
);

-- The maturity run: active deposits due on or before a day.
CREATE INDEX term_deposit_due_idx ON term_deposit (maturity_date) WHERE status = 'active';
