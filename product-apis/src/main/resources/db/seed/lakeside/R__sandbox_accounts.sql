-- Sandbox only (profile sandbox): Lakeside Savings Bank, EUR. The sandbox customers' accounts (same ids on every component) and
-- a few months of realistic history, booked as balanced ledger transactions: the counterparty of outside money (salary,
-- rent, shops) is the bank's clearing account LS-BANK-CLEARING; transfers between a customer's own accounts move between
-- them. Each account's opening balance (booked on 2026-07-31) is chosen so that, after the history, the booked balance
-- is the one the sandbox documents. Fixed dates and deterministic ids (md5 of a stable key): re-running this script
-- (Flyway re-runs it whenever it changes) adds nothing twice, and every balance is recomputed from its entries.
-- One statement per step, so it also runs in autocommit (the balance check of the ledger is deferred to commit, and
-- a transaction and its entries are inserted by the same statement).

INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit, opened_on)
VALUES
    ('LS-BANK-CLEARING', 'bank', 'lakeside', 'internal', 'Clearing account', 'EUR', NULL, DATE '2019-01-02'),
    ('LS-ALICE-CUR', 'customer', 'alice', 'current', 'Current account', 'EUR', 500.00, DATE '2021-04-12'),
    ('LS-ALICE-SAV', 'customer', 'alice', 'savings', 'Savings account', 'EUR', 0.00, DATE '2021-04-12'),
    ('LS-BOB-CUR', 'customer', 'bob', 'current', 'Current account', 'EUR', 250.00, DATE '2022-09-01'),
    -- Credit personas (the simulated bureau declines carol and answers slowly about dave).
    ('LS-CAROL-CUR', 'customer', 'carol', 'current', 'Current account', 'EUR', 0.00, DATE '2023-05-02'),
    ('LS-DAVE-CUR', 'customer', 'dave', 'current', 'Current account', 'EUR', 0.00, DATE '2020-01-15'),
    -- Where the bank's credit income goes (interest, fees).
    ('LS-BANK-INTEREST', 'bank', 'lakeside', 'internal', 'Interest income', 'EUR', NULL, DATE '2019-01-02'),
    ('LS-BANK-FEES', 'bank', 'lakeside', 'internal', 'Fee income', 'EUR', NULL, DATE '2019-01-02'),
    ('LS-BANK-DEPOSIT-INTEREST', 'bank', 'lakeside', 'internal', 'Interest paid on deposits', 'EUR', NULL, DATE '2019-01-02'),
    ('LS-RENO-MERCHANT', 'merchant', 'renovation-demo-works', 'merchant', 'Renovation demo works', 'EUR', 0.00, DATE '2024-02-01'),
    ('LS-SHOP-MERCHANT', 'merchant', 'checkout-demo-shop', 'merchant', 'Checkout demo shop', 'EUR', 0.00, DATE '2024-02-01')
ON CONFLICT (account_id) DO UPDATE SET
    owner_type = EXCLUDED.owner_type,
    owner_id = EXCLUDED.owner_id,
    kind = EXCLUDED.kind,
    name = EXCLUDED.name,
    overdraft_limit = EXCLUDED.overdraft_limit,
    opened_on = EXCLUDED.opened_on;

DROP TABLE IF EXISTS pg_temp.sandbox_history;

-- The history: each template line recurs on its day of every month from August to 20 November 2026, local time
-- Europe/Berlin. Lines marked varies change by up to +/-10 % from month to month (deterministically), like real shopping.
-- amount is signed from the point of view of account_id; the counterparty gets the opposite leg.
CREATE TEMP TABLE sandbox_history AS
WITH template (account_id, day, at, kind, description, amount, varies, counterparty) AS (VALUES
    ('LS-ALICE-CUR', 1, '07:30', 'salary', 'Salary Lakeside Design Studio GmbH', 2850.00::numeric(19,2), FALSE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 2, '06:10', 'rent', 'Rent Lakeview Apartments', -1250.00, FALSE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 3, '18:42', 'card-payment', 'FreshMart groceries', -64.30, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 5, '09:00', 'transfer', 'Monthly savings', -500.00, FALSE, 'LS-ALICE-SAV'),
    ('LS-ALICE-CUR', 8, '05:55', 'direct-debit', 'Stadtwerke electricity and gas', -118.40, FALSE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 10, '19:05', 'card-payment', 'FreshMart groceries', -71.85, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 12, '06:20', 'direct-debit', 'Telco Mobile phone plan', -29.99, FALSE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 14, '20:31', 'card-payment', 'Trattoria al Lago', -46.50, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 15, '06:00', 'direct-debit', 'City transit monthly pass', -49.00, FALSE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 17, '17:48', 'card-payment', 'FreshMart groceries', -58.20, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 19, '21:10', 'card-payment', 'StreamFlix subscription', -12.99, FALSE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 22, '12:15', 'card-payment', 'Pharmacy am Markt', -23.45, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 24, '18:02', 'card-payment', 'FreshMart groceries', -66.75, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-CUR', 27, '13:37', 'card-payment', 'Bookshop Seeufer', -31.90, TRUE, 'LS-BANK-CLEARING'),
    ('LS-ALICE-SAV', 28, '23:00', 'interest', 'Savings interest', 8.25, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 1, '06:05', 'rent', 'Rent Old Town Housing', -950.00, FALSE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 4, '19:20', 'card-payment', 'CornerMarket groceries', -74.60, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 6, '06:15', 'direct-debit', 'Car loan instalment', -320.00, FALSE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 9, '06:30', 'direct-debit', 'Stadtwerke electricity', -104.00, FALSE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 11, '18:55', 'card-payment', 'CornerMarket groceries', -69.10, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 13, '07:40', 'card-payment', 'Fuel station Nord', -62.35, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 16, '06:10', 'direct-debit', 'FitClub membership', -24.90, FALSE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 18, '19:45', 'card-payment', 'CornerMarket groceries', -81.30, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 20, '06:25', 'direct-debit', 'Telco Mobile phone plan', -19.99, FALSE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 21, '20:12', 'card-payment', 'Burger Garage', -38.70, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 25, '07:30', 'salary', 'Salary Harbourside Logistics', 1950.00, FALSE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 26, '18:30', 'card-payment', 'CornerMarket groceries', -72.45, TRUE, 'LS-BANK-CLEARING'),
    ('LS-BOB-CUR', 27, '08:05', 'card-payment', 'Fuel station Nord', -58.90, TRUE, 'LS-BANK-CLEARING')
), months AS (
    SELECT generate_series(0, 3) AS m
), dated AS (
    SELECT t.*, m.m,
           ((DATE '2026-08-01' + make_interval(months => m.m) + make_interval(days => t.day - 1) + t.at::time)
               AT TIME ZONE 'Europe/Berlin') AS booked_at,
           CASE WHEN t.varies
                THEN round(t.amount * (1 + (((m.m * 7 + t.day * 3 + length(t.description)) % 21) - 10) / 100.0), 2)
                ELSE t.amount END AS booked_amount
    FROM template t CROSS JOIN months m
    WHERE DATE '2026-08-01' + make_interval(months => m.m) + make_interval(days => t.day - 1) <= DATE '2026-11-20'
)
SELECT md5('lakeside/sandbox/' || account_id || '/' || m || '/' || day || '/' || description)::uuid AS transaction_id,
       kind, description, booked_at, account_id, counterparty, booked_amount AS amount
FROM dated;

-- The opening balances: what each customer account held before the history, so that it ends at its documented balance.
INSERT INTO sandbox_history (transaction_id, kind, description, booked_at, account_id, counterparty, amount)
SELECT md5('lakeside/sandbox/' || target.account_id || '/opening')::uuid, 'opening-balance', 'Opening balance',
       (TIMESTAMP '2026-07-31 08:00' AT TIME ZONE 'Europe/Berlin'), target.account_id, 'LS-BANK-CLEARING',
       target.balance - COALESCE((SELECT sum(h.amount) FROM sandbox_history h WHERE h.account_id = target.account_id), 0)
                      + COALESCE((SELECT sum(h.amount) FROM sandbox_history h WHERE h.counterparty = target.account_id), 0)
FROM (VALUES
    ('LS-ALICE-CUR', 2500.00),
    ('LS-ALICE-SAV', 10000.00),
    ('LS-BOB-CUR', 1200.00),
    ('LS-CAROL-CUR', 640.00),
    ('LS-DAVE-CUR', 1800.00)
) AS target (account_id, balance);

-- Transactions and their two legs in one statement; a transaction already booked (an earlier run) is skipped whole.
WITH booked AS (
    INSERT INTO ledger_transaction (transaction_id, kind, description, booked_at)
    SELECT transaction_id, kind, description, booked_at FROM sandbox_history
    ON CONFLICT (transaction_id) DO NOTHING
    RETURNING transaction_id
)
INSERT INTO ledger_entry (transaction_id, account_id, currency, amount, booked_at)
SELECT h.transaction_id, leg.account_id, a.currency, leg.amount, h.booked_at
FROM sandbox_history h
JOIN booked b ON b.transaction_id = h.transaction_id
CROSS JOIN LATERAL (VALUES (h.account_id, h.amount), (h.counterparty, -h.amount)) AS leg (account_id, amount)
JOIN account a ON a.account_id = leg.account_id;

DROP TABLE sandbox_history;

-- Every balance is the sum of its entries; version counts the bookings. Only rows that differ are touched.
UPDATE account a
SET booked_balance = s.total, version = s.bookings
FROM (SELECT account_id, sum(amount) AS total, count(*) AS bookings FROM ledger_entry GROUP BY account_id) AS s
WHERE a.account_id = s.account_id
  AND (a.booked_balance, a.version) IS DISTINCT FROM (s.total, s.bookings);
