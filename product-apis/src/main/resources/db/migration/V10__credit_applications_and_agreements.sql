-- Consumer credit at the scene: applications and their decisions, agreements, their tranches (staged drawdowns) and
-- schedules, and the outbox of the events partners receive. Money itself moves only in the ledger (V3): every row
-- here that says money moved names the ledger transaction that moved it, written in the same database transaction.

-- Loans and escrows are ledger accounts of their own: a loan account is owned by the customer and runs from
-- -principal (disbursed) back to 0 (repaid); an escrow account holds the undrawn tranches of a staged loan.
ALTER TABLE account DROP CONSTRAINT account_kind;
ALTER TABLE account ADD CONSTRAINT account_kind
    CHECK (kind IN ('current', 'savings', 'merchant', 'internal', 'loan', 'escrow'));

CREATE TABLE credit_application (
    application_id       UUID          NOT NULL,
    partner              VARCHAR(100)  NOT NULL,
    idempotency_key      VARCHAR(40)   NOT NULL,
    -- SHA-256 of the request (consent, product, amounts, accounts, applicant): a reused key with another request is
    -- refused, the same request gets the same application.
    request_hash         VARCHAR(64)   NOT NULL,
    consent_id           VARCHAR(64)   NOT NULL,
    customer             VARCHAR(64)   NOT NULL,
    product_id           VARCHAR(64)   NOT NULL,
    repayment_method     VARCHAR(20)   NOT NULL,
    amount               NUMERIC(17,2) NOT NULL,
    currency             CHAR(3)       NOT NULL,
    term_months          INTEGER       NOT NULL,
    merchant_account_id  VARCHAR(64) COLLATE "C" NOT NULL,
    repayment_account_id VARCHAR(64) COLLATE "C" NOT NULL,
    order_reference      VARCHAR(140)  NOT NULL,
    monthly_net_income   NUMERIC(17,2) NOT NULL,
    monthly_housing_cost NUMERIC(17,2) NOT NULL,
    employment_status    VARCHAR(20)   NOT NULL,
    dependants           INTEGER       NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    decline_reasons      TEXT[]        NOT NULL DEFAULT '{}',
    -- The offer: the product's terms copied at decision time (a later product change does not alter an offer).
    nominal_rate_percent NUMERIC(7,4),
    arrangement_fee      NUMERIC(17,2),
    merchant_discount_percent NUMERIC(7,4),
    offer_valid_until    TIMESTAMPTZ,
    -- Bureau retries of a pending application.
    bureau_attempts      INTEGER       NOT NULL DEFAULT 0,
    next_bureau_attempt_at TIMESTAMPTZ,
    created_at           TIMESTAMPTZ   NOT NULL,
    decided_at           TIMESTAMPTZ,
    CONSTRAINT credit_application_pk PRIMARY KEY (application_id),
    CONSTRAINT credit_application_key UNIQUE (partner, idempotency_key),
    CONSTRAINT credit_application_product_fk FOREIGN KEY (product_id) REFERENCES credit_product (product_id),
    CONSTRAINT credit_application_merchant_fk FOREIGN KEY (merchant_account_id) REFERENCES account (account_id),
    CONSTRAINT credit_application_repayment_fk FOREIGN KEY (repayment_account_id) REFERENCES account (account_id),
    CONSTRAINT credit_application_status CHECK
        (status IN ('pending', 'approved', 'referred', 'declined', 'accepted', 'expired')),
    CONSTRAINT credit_application_amount_positive CHECK (amount > 0),
    CONSTRAINT credit_application_term CHECK (term_months BETWEEN 1 AND 480),
    CONSTRAINT credit_application_offer_when_approved CHECK
        (status NOT IN ('approved', 'accepted', 'expired')
         OR (nominal_rate_percent IS NOT NULL AND arrangement_fee IS NOT NULL
             AND merchant_discount_percent IS NOT NULL AND offer_valid_until IS NOT NULL)),
    CONSTRAINT credit_application_decided CHECK ((status = 'pending') = (decided_at IS NULL))
);

CREATE INDEX credit_application_pending_idx ON credit_application (next_bureau_attempt_at) WHERE status = 'pending';

-- The tranches the application asked for (one row "Whole amount" when it asked for none).
CREATE TABLE credit_application_tranche (
    application_id UUID          NOT NULL,
    number         INTEGER       NOT NULL,
    milestone      VARCHAR(80)   NOT NULL,
    amount         NUMERIC(17,2) NOT NULL,
    CONSTRAINT credit_application_tranche_pk PRIMARY KEY (application_id, number),
    CONSTRAINT credit_application_tranche_fk FOREIGN KEY (application_id)
        REFERENCES credit_application (application_id),
    CONSTRAINT credit_application_tranche_amount CHECK (amount > 0)
);

CREATE TABLE credit_agreement (
    agreement_id          UUID          NOT NULL,
    application_id        UUID          NOT NULL,
    partner               VARCHAR(100)  NOT NULL,
    consent_id            VARCHAR(64)   NOT NULL,
    customer              VARCHAR(64)   NOT NULL,
    product_id            VARCHAR(64)   NOT NULL,
    repayment_method      VARCHAR(20)   NOT NULL,
    principal             NUMERIC(17,2) NOT NULL,
    currency              CHAR(3)       NOT NULL,
    term_months           INTEGER       NOT NULL,
    nominal_rate_percent  NUMERIC(7,4)  NOT NULL,
    arrangement_fee       NUMERIC(17,2) NOT NULL,
    merchant_discount_percent NUMERIC(7,4) NOT NULL,
    apr_percent           NUMERIC(7,2)  NOT NULL,
    loan_account_id       VARCHAR(64) COLLATE "C" NOT NULL,
    escrow_account_id     VARCHAR(64) COLLATE "C",
    merchant_account_id   VARCHAR(64) COLLATE "C" NOT NULL,
    repayment_account_id  VARCHAR(64) COLLATE "C" NOT NULL,
    disclosure_digest     CHAR(64)      NOT NULL,
    signed_at             TIMESTAMPTZ   NOT NULL,
    signed_on             DATE          NOT NULL,
    withdrawal_deadline   DATE          NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    closed_at             TIMESTAMPTZ,
    CONSTRAINT credit_agreement_pk PRIMARY KEY (agreement_id),
    -- An offer is accepted once: a second acceptance finds this row.
    CONSTRAINT credit_agreement_application_key UNIQUE (application_id),
    CONSTRAINT credit_agreement_application_fk FOREIGN KEY (application_id)
        REFERENCES credit_application (application_id),
    CONSTRAINT credit_agreement_loan_fk FOREIGN KEY (loan_account_id) REFERENCES account (account_id),
    CONSTRAINT credit_agreement_escrow_fk FOREIGN KEY (escrow_account_id) REFERENCES account (account_id),
    CONSTRAINT credit_agreement_status CHECK (status IN ('active', 'repaid', 'withdrawn')),
    CONSTRAINT credit_agreement_closed CHECK ((status = 'active') = (closed_at IS NULL))
);

CREATE TABLE credit_tranche (
    agreement_id   UUID          NOT NULL,
    number         INTEGER       NOT NULL,
    milestone      VARCHAR(80)   NOT NULL,
    amount         NUMERIC(17,2) NOT NULL,
    merchant_fee   NUMERIC(17,2) NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    released_at    TIMESTAMPTZ,
    transaction_id UUID,
    CONSTRAINT credit_tranche_pk PRIMARY KEY (agreement_id, number),
    CONSTRAINT credit_tranche_agreement_fk FOREIGN KEY (agreement_id) REFERENCES credit_agreement (agreement_id),
    CONSTRAINT credit_tranche_transaction_fk FOREIGN KEY (transaction_id)
        REFERENCES ledger_transaction (transaction_id),
    CONSTRAINT credit_tranche_status CHECK (status IN ('awaiting', 'released')),
    -- Released exactly when it names the ledger transaction that paid it.
    CONSTRAINT credit_tranche_released CHECK ((status = 'released') = (transaction_id IS NOT NULL))
);

CREATE TABLE credit_instalment (
    agreement_id        UUID          NOT NULL,
    number              INTEGER       NOT NULL,
    due_date            DATE          NOT NULL,
    instalment          NUMERIC(17,2) NOT NULL,
    principal           NUMERIC(17,2) NOT NULL,
    interest            NUMERIC(17,2) NOT NULL,
    remaining_principal NUMERIC(17,2) NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    paid_at             TIMESTAMPTZ,
    transaction_id      UUID,
    -- The "instalment due" notice was queued (once per instalment).
    due_notified        BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT credit_instalment_pk PRIMARY KEY (agreement_id, number),
    CONSTRAINT credit_instalment_agreement_fk FOREIGN KEY (agreement_id) REFERENCES credit_agreement (agreement_id),
    CONSTRAINT credit_instalment_transaction_fk FOREIGN KEY (transaction_id)
        REFERENCES ledger_transaction (transaction_id),
    CONSTRAINT credit_instalment_status CHECK (status IN ('due', 'paid', 'missed', 'cancelled')),
    CONSTRAINT credit_instalment_parts CHECK (instalment = principal + interest),
    CONSTRAINT credit_instalment_paid CHECK ((status = 'paid') = (transaction_id IS NOT NULL))
);

CREATE INDEX credit_instalment_due_idx ON credit_instalment (due_date) WHERE status IN ('due', 'missed');

-- Settlements that close an agreement early (early repayment or withdrawal): at most one per agreement.
CREATE TABLE credit_settlement (
    agreement_id      UUID          NOT NULL,
    kind              VARCHAR(16)   NOT NULL,
    settled_on        DATE          NOT NULL,
    principal         NUMERIC(17,2) NOT NULL,
    interest          NUMERIC(17,2) NOT NULL,
    fee               NUMERIC(17,2) NOT NULL,
    transaction_id    UUID          NOT NULL,
    CONSTRAINT credit_settlement_pk PRIMARY KEY (agreement_id),
    CONSTRAINT credit_settlement_agreement_fk FOREIGN KEY (agreement_id) REFERENCES credit_agreement (agreement_id),
    CONSTRAINT credit_settlement_transaction_fk FOREIGN KEY (transaction_id)
        REFERENCES ledger_transaction (transaction_id),
    CONSTRAINT credit_settlement_kind CHECK (kind IN ('early-repayment', 'withdrawal'))
);

-- The outbox of partner events (credit.application.decided, credit.agreement.signed, ...): written in the
-- transaction of the change, relayed to the Redis stream the auth-server turns into signed webhooks.
CREATE TABLE credit_event (
    event_id     UUID         NOT NULL,
    partner      VARCHAR(100) NOT NULL,
    consent_id   VARCHAR(64)  NOT NULL,
    type         VARCHAR(40)  NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    reported_at  TIMESTAMPTZ,
    report_attempts INTEGER   NOT NULL DEFAULT 0,
    CONSTRAINT credit_event_pk PRIMARY KEY (event_id)
);

CREATE INDEX credit_event_unreported_idx ON credit_event (created_at) WHERE reported_at IS NULL;
