-- Sandbox only (profile sandbox): Lakeside Savings Bank, EUR. Idempotent upsert; edit and Flyway re-runs it.
INSERT INTO term_deposit_product (product_id, name, currency, term_months, annual_rate_percent, min_amount, max_amount,
                                  active)
VALUES
    ('fixed-6m', 'Fixed deposit 6 months', 'EUR', 6, 2.2500, 500.00, 250000.00, TRUE),
    ('fixed-12m', 'Fixed deposit 12 months', 'EUR', 12, 2.7500, 1000.00, 500000.00, TRUE),
    ('fixed-36m', 'Fixed deposit 3 years', 'EUR', 36, 3.1000, 1000.00, 500000.00, TRUE),
    -- Retired: kept for running deposits, hidden from partners.
    ('fixed-12m-2024', 'Fixed deposit 12 months (2024 terms)', 'EUR', 12, 3.5000, 1000.00, 500000.00, FALSE)
ON CONFLICT (product_id) DO UPDATE SET
    name = EXCLUDED.name,
    currency = EXCLUDED.currency,
    term_months = EXCLUDED.term_months,
    annual_rate_percent = EXCLUDED.annual_rate_percent,
    min_amount = EXCLUDED.min_amount,
    max_amount = EXCLUDED.max_amount,
    active = EXCLUDED.active;
