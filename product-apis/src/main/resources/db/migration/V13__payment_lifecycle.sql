-- The payment lifecycle: pending -> completed | rejected, and nothing else. A payment within the bank's instant limit
-- is executed in its own request's transaction and inserted in its final status (its pending moment never leaves
-- that transaction); one above the limit commits pending, with its consent use, and the payment run completes or
-- rejects it later. Runs in the bank's own schema.

ALTER TABLE payment DROP CONSTRAINT payment_status;
ALTER TABLE payment ADD CONSTRAINT payment_status CHECK (status IN ('pending', 'completed', 'rejected'));

ALTER TABLE payment ADD COLUMN status_updated_at TIMESTAMPTZ;
UPDATE payment SET status_updated_at = created_at;
ALTER TABLE payment ALTER COLUMN status_updated_at SET NOT NULL;
ALTER TABLE payment ADD CONSTRAINT payment_status_updated_after_creation CHECK (status_updated_at >= created_at);

-- The payment run's queue: pending payments, oldest first.
CREATE INDEX payment_pending_idx ON payment (created_at) WHERE status = 'pending';

-- The state machine, enforced by the database whatever the code does: only pending moves, only to a final status,
-- and a payment's terms never change.
CREATE FUNCTION payment_guard_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND NOT (OLD.status = 'pending' AND NEW.status IN ('completed', 'rejected')) THEN
        RAISE EXCEPTION 'payment % cannot go from % to %', OLD.payment_id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = OLD.status AND NEW.status <> 'pending' THEN
        RAISE EXCEPTION 'payment % is %: final', OLD.payment_id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.payment_id, NEW.partner, NEW.idempotency_key, NEW.request_hash, NEW.consent_id, NEW.customer,
        NEW.debtor_account, NEW.creditor_account, NEW.creditor_name, NEW.amount, NEW.currency, NEW.reference,
        NEW.created_at)
       IS DISTINCT FROM
       (OLD.payment_id, OLD.partner, OLD.idempotency_key, OLD.request_hash, OLD.consent_id, OLD.customer,
        OLD.debtor_account, OLD.creditor_account, OLD.creditor_name, OLD.amount, OLD.currency, OLD.reference,
        OLD.created_at) THEN
        RAISE EXCEPTION 'payment % : only its status may change', OLD.payment_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER payment_guard_update BEFORE UPDATE ON payment FOR EACH ROW EXECUTE FUNCTION payment_guard_update();

CREATE FUNCTION payment_refuse_delete() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'payments are never deleted' USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER payment_refuse_delete BEFORE DELETE ON payment FOR EACH ROW EXECUTE FUNCTION payment_refuse_delete();
