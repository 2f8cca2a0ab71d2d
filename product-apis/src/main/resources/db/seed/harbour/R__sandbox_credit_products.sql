-- Sandbox only (profile sandbox): Harbour Rural Commercial Bank, CNY. Idempotent upsert; edit and Flyway re-runs it.
INSERT INTO credit_product (product_id, name, currency, min_amount, max_amount, min_term_months, max_term_months,
                            nominal_annual_rate_percent, arrangement_fee, repayment_methods, active,
                            merchant_discount_percent)
VALUES
    ('harbour-consumer-instalment', 'Consumer instalment loan', 'CNY', 5000.00, 300000.00, 6, 36,
     3.9500, 0.00, ARRAY['ANNUITY', 'EQUAL_PRINCIPAL'], TRUE, 0.0000),
    ('harbour-home-renovation', 'Home renovation loan', 'CNY', 20000.00, 500000.00, 12, 60,
     3.6000, 0.00, ARRAY['EQUAL_PRINCIPAL', 'ANNUITY'], TRUE, 0.0000),
    ('harbour-farm-equipment', 'Farm equipment instalment loan', 'CNY', 10000.00, 200000.00, 6, 36,
     4.3500, 200.00, ARRAY['ANNUITY'], TRUE, 0.0000)
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
