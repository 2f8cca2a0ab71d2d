-- The bank's instalment-loan catalogue. Runs in the bank's own schema (Flyway default-schema = bank id).
-- Money is NUMERIC(19,2) in the product's currency (ISO 4217, 2 minor-unit digits for EUR and CNY);
-- the nominal annual rate is a percentage with 4 decimals (the API shows 2).
CREATE TABLE credit_product (
    -- "C" collation: ordering by id is byte-wise, the same on every server locale.
    product_id                  VARCHAR(64) COLLATE "C" NOT NULL,
    name                        VARCHAR(120)  NOT NULL,
    currency                    CHAR(3)       NOT NULL,
    min_amount                  NUMERIC(19,2) NOT NULL,
    max_amount                  NUMERIC(19,2) NOT NULL,
    min_term_months             INTEGER       NOT NULL,
    max_term_months             INTEGER       NOT NULL,
    nominal_annual_rate_percent NUMERIC(7,4)  NOT NULL,
    arrangement_fee             NUMERIC(19,2) NOT NULL DEFAULT 0,
    repayment_methods           TEXT[]        NOT NULL,
    -- Retired products stay for the contracts that reference them, but partners no longer see them.
    active                      BOOLEAN       NOT NULL DEFAULT TRUE,
    CONSTRAINT credit_product_pk PRIMARY KEY (product_id),
    CONSTRAINT credit_product_id_format CHECK (product_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT credit_product_name_present CHECK (btrim(name) <> ''),
    CONSTRAINT credit_product_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT credit_product_amount_range CHECK (min_amount > 0 AND min_amount <= max_amount),
    CONSTRAINT credit_product_term_range CHECK (min_term_months >= 1 AND min_term_months <= max_term_months
                                                AND max_term_months <= 480),
    CONSTRAINT credit_product_rate_range CHECK (nominal_annual_rate_percent >= 0
                                                AND nominal_annual_rate_percent < 100),
    CONSTRAINT credit_product_fee_non_negative CHECK (arrangement_fee >= 0),
    CONSTRAINT credit_product_repayment_methods CHECK (
        cardinality(repayment_methods) >= 1
        AND repayment_methods <@ ARRAY['ANNUITY', 'EQUAL_PRINCIPAL']::TEXT[])
);

COMMENT ON TABLE credit_product IS 'Instalment-loan products of the bank whose schema this is.';
COMMENT ON COLUMN credit_product.nominal_annual_rate_percent IS 'Nominal annual interest rate in percent, e.g. 6.9000';
