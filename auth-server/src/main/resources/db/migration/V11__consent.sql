-- Consents (what a customer granted a partner at a bank) and their audit trail. The lifecycle service changes a
-- consent's status only together with an event row, in one transaction, holding the consent's row lock
-- (SELECT ... FOR UPDATE), so two concurrent transitions cannot both win.
CREATE TABLE consent (
    id uuid NOT NULL,
    type varchar(20) NOT NULL,
    status varchar(24) NOT NULL,
    bank_id varchar(31) NOT NULL,
    -- The partner's OAuth client id. No foreign key: consents and their audit trail outlive a deleted client.
    partner_id varchar(100) NOT NULL,
    -- The customer who authorised or rejected it; null while awaiting authorisation.
    customer varchar(100) DEFAULT NULL,
    permissions text[] NOT NULL DEFAULT '{}',
    accounts text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    status_updated_at timestamptz NOT NULL,
    expires_at timestamptz DEFAULT NULL,
    frequency_per_day integer DEFAULT NULL,
    payment_amount numeric(17, 2) DEFAULT NULL,
    payment_currency char(3) DEFAULT NULL,
    creditor_account varchar(34) DEFAULT NULL,
    creditor_name varchar(70) DEFAULT NULL,
    payment_reference varchar(35) DEFAULT NULL,
    -- Counts the transitions: a Redis snapshot never overwrites one of a later version (see ConsentSnapshots).
    version bigint NOT NULL DEFAULT 1,
    -- True from a status change until its Redis snapshot and change notice went out (retried until they do).
    snapshot_pending boolean NOT NULL DEFAULT true,
    PRIMARY KEY (id),
    CONSTRAINT consent_type_check CHECK (type IN ('account-access', 'payment', 'credit')),
    CONSTRAINT consent_status_check CHECK (status IN ('AwaitingAuthorisation', 'Authorised', 'Rejected', 'Revoked',
        'Expired', 'Consumed')),
    CONSTRAINT consent_frequency_check CHECK (frequency_per_day BETWEEN 1 AND 100),
    CONSTRAINT consent_payment_terms_check CHECK ((type = 'payment') = (payment_amount IS NOT NULL
        AND payment_currency IS NOT NULL AND creditor_account IS NOT NULL AND creditor_name IS NOT NULL
        AND payment_reference IS NOT NULL)),
    CONSTRAINT consent_payment_amount_check CHECK (payment_amount > 0),
    CONSTRAINT consent_customer_check CHECK ((status = 'AwaitingAuthorisation') = (customer IS NULL)
        OR status IN ('Revoked', 'Expired'))
);

-- The customer's dashboard: their consents, newest first.
CREATE INDEX consent_customer ON consent (customer, created_at DESC) WHERE customer IS NOT NULL;
-- The expiry job and the startup snapshot rewrite only look at consents that are not final yet.
CREATE INDEX consent_live ON consent (status, expires_at) WHERE status IN ('AwaitingAuthorisation', 'Authorised');
CREATE INDEX consent_snapshot_pending ON consent (id) WHERE snapshot_pending;

-- Append-only audit trail: one row per transition (creation included, from_status null): who, when, why.
CREATE TABLE consent_event (
    id bigint GENERATED ALWAYS AS IDENTITY,
    consent_id uuid NOT NULL REFERENCES consent (id) ON DELETE RESTRICT,
    from_status varchar(24) DEFAULT NULL,
    to_status varchar(24) NOT NULL,
    -- customer:<username>, partner:<clientId> or system
    actor varchar(200) NOT NULL,
    reason varchar(200) NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX consent_event_consent ON consent_event (consent_id, id);

-- The database itself refuses to rewrite history, whatever the application (or an operator's SQL) does.
CREATE FUNCTION consent_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER consent_event_no_update_or_delete BEFORE UPDATE OR DELETE ON consent_event
    FOR EACH ROW EXECUTE FUNCTION consent_event_append_only();
CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON consent_event
    FOR EACH STATEMENT EXECUTE FUNCTION consent_event_append_only();
