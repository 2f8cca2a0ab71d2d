-- Sandbox only (profile sandbox): Lakeside Savings Bank, EUR. Idempotent upsert; edit and Flyway re-runs it.
INSERT INTO credit_product (product_id, name, currency, min_amount, max_amount, min_term_months, max_term_months,
                            nominal_annual_rate_percent, arrangement_fee, repayment_methods, active,
                            merchant_discount_percent)
VALUES
    ('lakeside-instalment-standard', 'Instalment loan', 'EUR', 1000.00, 50000.00, 3, 60,
     6.9000, 0.00, ARRAY['ANNUITY', 'EQUAL_PRINCIPAL'], TRUE, 0.0000),
    ('lakeside-renovation', 'Home renovation loan', 'EUR', 5000.00, 80000.00, 12, 120,
     5.4900, 150.00, ARRAY['ANNUITY'], TRUE, 0.0000),
    ('lakeside-merchant-zero', '0% merchant instalment plan', 'EUR', 200.00, 5000.00, 3, 24,
     0.0000, 0.00, ARRAY['ANNUITY'], TRUE, 4.5000),
    -- Retired: kept for running contracts, hidden from partners.
    ('lakeside-instalment-2019', 'Instalment loan (2019 terms)', 'EUR', 1000.00, 30000.00, 6, 48,
     7.9500, 50.00, ARRAY['ANNUITY'], FALSE, 0.0000)
ON CONFLICT (product_id) DO UPDATE SET
    name = EXCLUDED.name,
    currency = EXCLUDED.currency,
    min_amount = EXCLUDED.min_amount,
    max_amount = EXCLUDED.max_amount,
    min_term_months = EXCLUDED.min_term_months,
    max_term_months = EXCLUDED.max_term_months,
    nominal_annual_rate_percent = EXCLUDED.nominal_annual_rate_percent,
    arrangement_fee = EXCLUDED.arrangement_fee,
    repayment_methods = EXCLUDED.repayment_methods,
    active = EXCLUDED.active,
    merchant_discount_percent = EXCLUDED.merchant_discount_percent;
