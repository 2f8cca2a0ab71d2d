-- Sandbox only (profile sandbox): Harbour Rural Commercial Bank, CNY. Idempotent upsert; edit and Flyway re-runs it.
INSERT INTO term_deposit_product (product_id, name, currency, term_months, annual_rate_percent, min_amount, max_amount,
                                  active)
VALUES
    ('fixed-3m', '3-month time deposit', 'CNY', 3, 1.0500, 50.00, 5000000.00, TRUE),
    ('fixed-12m', '1-year time deposit', 'CNY', 12, 1.4500, 50.00, 5000000.00, TRUE),
    ('fixed-36m', '3-year time deposit', 'CNY', 36, 1.9000, 50.00, 5000000.00, TRUE)
ON CONFLICT (product_id) DO UPDATE SET
    name = EXCLUDED.name,
    currency = EXCLUDED.currency,
    term_months = EXCLUDED.term_months,
    annual_rate_percent = EXCLUDED.annual_rate_percent,
    min_amount = EXCLUDED.min_amount,
    max_amount = EXCLUDED.max_amount,
    active = EXCLUDED.active;
