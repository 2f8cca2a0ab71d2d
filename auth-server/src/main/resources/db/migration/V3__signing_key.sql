-- Token signing keys. The private key (PKCS#8 DER) is encrypted with AES-256-GCM under
-- sceneway.auth.key-encryption-key, with a random 12-byte nonce per row and the kid as additional data.
-- ACTIVE signs new tokens (at most one row); PUBLISHED is only served at the JWKS endpoint (e.g. the previous key
-- during a rotation, until its last token has expired).
CREATE TABLE signing_key (
    kid varchar(100) NOT NULL,
    algorithm varchar(10) NOT NULL,
    status varchar(16) NOT NULL,
    public_jwk text NOT NULL,
    private_key_ciphertext bytea NOT NULL,
    private_key_nonce bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (kid),
    CONSTRAINT signing_key_status_check CHECK (status IN ('ACTIVE', 'PUBLISHED')),
    CONSTRAINT signing_key_algorithm_check CHECK (algorithm = 'PS256'),
    CONSTRAINT signing_key_nonce_length_check CHECK (octet_length(private_key_nonce) = 12)
);

CREATE UNIQUE INDEX signing_key_one_active ON signing_key (status) WHERE status = 'ACTIVE';
