-- Webhooks to partner apps: an outbox row per event a partner gets (written in the transaction of the consent change
-- that caused it), and a row per delivery attempt (the delivery log partners and the portal read).
-- Numbered 12: V11 is the consent tables of another branch.
CREATE TABLE webhook_delivery (
    -- The event id: the payload's "id" and the x-sceneway-webhook-id header; receivers deduplicate on it.
    id uuid NOT NULL,
    client_id varchar(100) NOT NULL,
    event_type varchar(40) NOT NULL,
    consent_id varchar(64) NOT NULL,
    -- The exact body sent (and signed), as text: jsonb would reorder members and change the signed bytes.
    payload text NOT NULL,
    status varchar(16) NOT NULL DEFAULT 'PENDING',
    attempts integer NOT NULL DEFAULT 0,
    -- When the next attempt is due (PENDING), or when the claim of a worker runs out (a claimed row).
    next_attempt_at timestamptz NOT NULL,
    -- Set while a worker delivers the row; its result is recorded only under the same token.
    claim_token uuid DEFAULT NULL,
    created_at timestamptz NOT NULL,
    finished_at timestamptz DEFAULT NULL,
    PRIMARY KEY (id),
    CONSTRAINT webhook_delivery_client_fk FOREIGN KEY (client_id)
        REFERENCES partner_client (client_id) ON DELETE CASCADE,
    CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);

-- The workers' poll: due rows only, oldest due first.
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
-- The delivery log of one partner, newest first.
CREATE INDEX webhook_delivery_client_log ON webhook_delivery (client_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempt (
    delivery_id uuid NOT NULL,
    attempt integer NOT NULL,
    attempted_at timestamptz NOT NULL,
    url varchar(1000) NOT NULL,
    -- The HTTP status the partner answered, or null when no response came (then error says why).
    status_code integer DEFAULT NULL,
    error varchar(500) DEFAULT NULL,
    duration_ms bigint NOT NULL,
    -- When the next attempt was scheduled after this one failed; null after the last attempt.
    retry_at timestamptz DEFAULT NULL,
    PRIMARY KEY (delivery_id, attempt),
    CONSTRAINT webhook_attempt_delivery_fk FOREIGN KEY (delivery_id)
        REFERENCES webhook_delivery (id) ON DELETE CASCADE
);
