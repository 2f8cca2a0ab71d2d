-- The bank's double-entry ledger. Runs in the bank's own schema, like every migration here.
--
-- Invariants, each enforced by the database as well as by the code that books (dev.sceneway.products.ledger):
-- 1. Every ledger transaction has at least two entries and its entries sum to zero per currency: a DEFERRED
--    constraint trigger checks it at commit, once every entry of the transaction is in.
-- 2. An entry is in its account's currency (composite foreign key on account_id + currency).
-- 3. No account's booked balance goes below minus its allowed overdraft (CHECK on account); the bank's own internal
--    accounts have no limit (overdraft NULL), every other account has one (0 = no overdraft).
-- 4. Entries and transactions are append-only: a correction is a new, reversing transaction.
-- The booked balance is kept on the account row and changed in the same database transaction as the entries, with
-- the account rows locked (SELECT ... FOR UPDATE, in account_id order); it always equals the sum of its entries.
-- Money is NUMERIC(19,2), in the account's currency (ISO 4217, 2 minor-unit digits for EUR and CNY).

CREATE TABLE account (
    -- "C" collation: the locking order (ORDER BY account_id) is byte-wise, the same on every server locale.
    account_id      VARCHAR(64) COLLATE "C" NOT NULL,
    -- customer: owner_id is the customer's username (the token's sub); merchant: the merchant's id; bank: the
    -- bank's own accounts (clearing, fees), which customers never see.
    owner_type      VARCHAR(16)   NOT NULL,
    owner_id        VARCHAR(64)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    name            VARCHAR(120)  NOT NULL,
    currency        CHAR(3)       NOT NULL,
    -- How far below zero the booked balance may go; NULL only for the bank's internal accounts (no limit).
    overdraft_limit NUMERIC(19,2),
    booked_balance  NUMERIC(19,2) NOT NULL DEFAULT 0,
    -- Incremented by every booking that touches the account: readers can tell that a balance moved.
    version         BIGINT        NOT NULL DEFAULT 0,
    opened_on       DATE          NOT NULL,
    CONSTRAINT account_pk PRIMARY KEY (account_id),
    CONSTRAINT account_currency_key UNIQUE (account_id, currency),
    CONSTRAINT account_id_format CHECK (account_id ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
    CONSTRAINT account_owner_type CHECK (owner_type IN ('customer', 'merchant', 'bank')),
    CONSTRAINT account_owner_present CHECK (btrim(owner_id) <> ''),
    CONSTRAINT account_kind CHECK (kind IN ('current', 'savings', 'merchant', 'internal')),
    CONSTRAINT account_name_present CHECK (btrim(name) <> ''),
    CONSTRAINT account_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT account_overdraft_non_negative CHECK (overdraft_limit >= 0),
    CONSTRAINT account_overdraft_unlimited_only_internal CHECK (overdraft_limit IS NOT NULL OR owner_type = 'bank'),
    CONSTRAINT account_within_overdraft CHECK (overdraft_limit IS NULL OR booked_balance >= -overdraft_limit),
    CONSTRAINT account_version_non_negative CHECK (version >= 0)
);

CREATE INDEX account_owner_idx ON account (owner_type, owner_id);

COMMENT ON TABLE account IS 'Accounts held at the bank whose schema this is: customers'', merchants'' and the bank''s own.';
COMMENT ON COLUMN account.overdraft_limit IS 'Allowed overdraft (>= 0); booked_balance >= -overdraft_limit. NULL: internal, no limit';
COMMENT ON COLUMN account.booked_balance IS 'Sum of the account''s ledger entries, kept in step in the booking transaction';

CREATE TABLE ledger_transaction (
    transaction_id UUID         NOT NULL,
    -- What moved the money: opening-balance, salary, card-payment, transfer, payment, ... (free-form, lower-case).
    kind           VARCHAR(32)  NOT NULL,
    description    VARCHAR(140) NOT NULL,
    booked_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT ledger_transaction_pk PRIMARY KEY (transaction_id),
    CONSTRAINT ledger_transaction_kind_format CHECK (kind ~ '^[a-z]+(-[a-z]+)*$'),
    CONSTRAINT ledger_transaction_description_present CHECK (btrim(description) <> '')
);

CREATE TABLE ledger_entry (
    transaction_id UUID          NOT NULL,
    account_id     VARCHAR(64) COLLATE "C" NOT NULL,
    currency       CHAR(3)       NOT NULL,
    -- Signed: positive credits the account (money in), negative debits it (money out).
    amount         NUMERIC(19,2) NOT NULL,
    -- A copy of the transaction's booked_at, so an account's statement is one index range scan.
    booked_at      TIMESTAMPTZ   NOT NULL,
    -- One entry per account and transaction: the account's side of a transaction is one signed amount.
    CONSTRAINT ledger_entry_pk PRIMARY KEY (transaction_id, account_id),
    CONSTRAINT ledger_entry_transaction_fk FOREIGN KEY (transaction_id) REFERENCES ledger_transaction (transaction_id),
    CONSTRAINT ledger_entry_account_currency_fk FOREIGN KEY (account_id, currency)
        REFERENCES account (account_id, currency),
    CONSTRAINT ledger_entry_amount_non_zero CHECK (amount <> 0)
);

-- An account's statement, newest first, in a stable order (booking time, then transaction id).
CREATE INDEX ledger_entry_statement_idx ON ledger_entry (account_id, booked_at DESC, transaction_id DESC);

COMMENT ON TABLE ledger_entry IS 'One leg of a ledger transaction: a signed amount on one account; legs sum to zero per currency';

-- Invariant 1, checked at commit (DEFERRABLE INITIALLY DEFERRED): by then every entry of the transaction is in.
CREATE FUNCTION ledger_transaction_must_balance() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    checked UUID := COALESCE(NEW.transaction_id, OLD.transaction_id);
    legs    INTEGER;
    skewed  TEXT;
BEGIN
    SELECT count(*) INTO legs FROM ledger_entry WHERE transaction_id = checked;
    IF legs < 2 THEN
        RAISE EXCEPTION 'ledger transaction % has % entries; it needs at least 2', checked, legs
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transaction_balanced';
    END IF;
    SELECT string_agg(currency || ' ' || total, ', ') INTO skewed
    FROM (SELECT currency, sum(amount) AS total FROM ledger_entry WHERE transaction_id = checked
          GROUP BY currency HAVING sum(amount) <> 0) AS unbalanced;
    IF skewed IS NOT NULL THEN
        RAISE EXCEPTION 'ledger transaction % does not balance: its entries sum to %', checked, skewed
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transaction_balanced';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER ledger_transaction_balanced
    AFTER INSERT ON ledger_transaction
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_transaction_must_balance();

CREATE CONSTRAINT TRIGGER ledger_entry_balanced
    AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_transaction_must_balance();

-- Invariant 4: history is never rewritten.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: book a reversing transaction instead of % ', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER ledger_transaction_append_only
    BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

CREATE TRIGGER ledger_entry_append_only
    BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

CREATE TRIGGER ledger_transaction_no_truncate
    BEFORE TRUNCATE ON ledger_transaction
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

CREATE TRIGGER ledger_entry_no_truncate
    BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
