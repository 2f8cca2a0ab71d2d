-- What Sceneway knows about a partner app beyond Spring Authorization Server's oauth2_registered_client row:
-- the banks (tenants) that approved it, its public keys by value (a JWKS; a jwks_uri lives in the client
-- settings, where Spring expects it), its webhook URL, the software statement it registered with, and whether it
-- is disabled. A client without a row here is active and approved for no bank.
-- Numbered 10 to stay clear of migrations other branches add to the V4.. range.
CREATE TABLE partner_client (
    client_id varchar(100) NOT NULL,
    banks text[] NOT NULL DEFAULT '{}',
    jwks text DEFAULT NULL,
    webhook_url varchar(1000) DEFAULT NULL,
    software_id varchar(200) DEFAULT NULL,
    status varchar(16) NOT NULL DEFAULT 'ACTIVE',
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (client_id),
    CONSTRAINT partner_client_registered_client_fk FOREIGN KEY (client_id)
        REFERENCES oauth2_registered_client (client_id) ON DELETE CASCADE,
    CONSTRAINT partner_client_status_check CHECK (status IN ('ACTIVE', 'DISABLED'))
);

-- One client per software statement's software_id (RFC 7591 section 2.3).
CREATE UNIQUE INDEX partner_client_software_id ON partner_client (software_id) WHERE software_id IS NOT NULL;
