-- Sandbox only (profile sandbox): Harbour Rural Commercial Bank, CNY. The sandbox customers' accounts (same ids on every component) and
-- a few months of realistic history, booked as balanced ledger transactions: the counterparty of outside money (salary,
-- rent, shops) is the bank's clearing account HB-BANK-CLEARING; transfers between a customer's own accounts move between
-- them. Each account's opening balance (booked on 2026-07-31) is chosen so that, after the history, the booked balance
-- is the one the sandbox documents. Fixed dates and deterministic ids (md5 of a stable key): re-running this script
-- (Flyway re-runs it whenever it changes) adds nothing twice, and every balance is recomputed from its entries.
-- One statement per step, so it also runs in autocommit (the balance check of the ledger is deferred to commit, and
-- a transaction and its entries are inserted by the same statement).

INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit, opened_on)
VALUES
    ('HB-BANK-CLEARING', 'bank', 'harbour', 'internal', 'Clearing account', 'CNY', NULL, DATE '2018-06-01'),
    ('HB-BANK-INTEREST', 'bank', 'harbour', 'internal', 'Interest income', 'CNY', NULL, DATE '2018-06-01'),
    ('HB-BANK-FEES', 'bank', 'harbour', 'internal', 'Fee income', 'CNY', NULL, DATE '2018-06-01'),
    ('HB-BANK-DEPOSIT-INTEREST', 'bank', 'harbour', 'internal', 'Interest paid on deposits', 'CNY', NULL, DATE '2018-06-01'),
    ('HB-ALICE-CUR', 'customer', 'alice', 'current', 'Current account', 'CNY', 0.00, DATE '2022-03-08'),
    ('HB-BOB-CUR', 'customer', 'bob', 'current', 'Current account', 'CNY', 0.00, DATE '2020-11-16'),
    ('HB-BOB-SAV', 'customer', 'bob', 'savings', 'Savings account', 'CNY', 0.00, DATE '2020-11-16'),
    ('HB-RENO-MERCHANT', 'merchant', 'renovation-demo-works', 'merchant', 'Renovation demo works', 'CNY', 0.00, DATE '2024-02-01'),
    ('HB-SHOP-MERCHANT', 'merchant', 'checkout-demo-shop', 'merchant', 'Checkout demo shop', 'CNY', 0.00, DATE '2024-02-01')
ON CONFLICT (account_id) DO UPDATE SET
    owner_type = EXCLUDED.owner_type,
    owner_id = EXCLUDED.owner_id,
    kind = EXCLUDED.kind,
    name = EXCLUDED.name,
    overdraft_limit = EXCLUDED.overdraft_limit,
    opened_on = EXCLUDED.opened_on;

DROP TABLE IF EXISTS pg_temp.sandbox_history;

-- The history: each template line recurs on its day of every month from August to 20 November 2026, local time
-- Asia/Shanghai. Lines marked varies change by up to +/-10 % from month to month (deterministically), like real shopping.
-- amount is signed from the point of view of account_id; the counterparty gets the opposite leg.
CREATE TEMP TABLE sandbox_history AS
WITH template (account_id, day, at, kind, description, amount, varies, counterparty) AS (VALUES
    ('HB-ALICE-CUR', 2, '07:00', 'direct-debit', 'Mortgage instalment', -7800.00::numeric(19,2), FALSE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 3, '19:10', 'card-payment', 'Hema Fresh groceries', -386.50, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 6, '09:30', 'transfer', 'Support for parents', -1500.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 7, '06:20', 'direct-debit', 'State Grid electricity', -210.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 9, '12:40', 'card-payment', 'Haidilao hot pot', -268.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 1, '06:00', 'salary', 'Salary Harbour Design Institute', 15000.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 11, '18:30', 'card-payment', 'Hema Fresh groceries', -352.80, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 13, '06:10', 'direct-debit', 'China Mobile phone plan', -128.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 15, '22:05', 'card-payment', 'JD.com online order', -459.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 16, '06:30', 'direct-debit', 'Metro card top-up', -200.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 18, '19:25', 'card-payment', 'Hema Fresh groceries', -401.20, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 20, '06:15', 'direct-debit', 'Water and gas', -112.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 23, '13:15', 'card-payment', 'Taobao online order', -436.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 25, '07:05', 'direct-debit', 'Health insurance premium', -600.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-ALICE-CUR', 26, '18:50', 'card-payment', 'Hema Fresh groceries', -374.60, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 1, '07:00', 'rent', 'Rent Binjiang apartment', -3200.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 4, '19:40', 'card-payment', 'Yonghui supermarket', -298.40, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 8, '06:20', 'direct-debit', 'State Grid electricity', -176.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 11, '19:05', 'card-payment', 'Yonghui supermarket', -312.70, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 12, '12:30', 'card-payment', 'Meituan food delivery', -86.50, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 14, '06:10', 'direct-debit', 'China Unicom phone plan', -98.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 1, '06:00', 'salary', 'Salary Harbour Fisheries Co.', 11000.00, FALSE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 16, '09:00', 'transfer', 'Monthly savings', -4000.00, FALSE, 'HB-BOB-SAV'),
    ('HB-BOB-CUR', 18, '19:35', 'card-payment', 'Yonghui supermarket', -287.30, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 21, '20:45', 'card-payment', 'Xiabu hot pot', -182.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 22, '07:50', 'card-payment', 'Didi ride', -46.80, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 24, '21:30', 'card-payment', 'Pinduoduo online order', -318.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 25, '19:15', 'card-payment', 'Yonghui supermarket', -305.90, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-CUR', 27, '06:25', 'direct-debit', 'Water and gas', -84.00, TRUE, 'HB-BANK-CLEARING'),
    ('HB-BOB-SAV', 21, '23:00', 'interest', 'Savings interest', 96.50, TRUE, 'HB-BANK-CLEARING')
), months AS (
    SELECT generate_series(0, 3) AS m
), dated AS (
    SELECT t.*, m.m,
           ((DATE '2026-08-01' + make_interval(months => m.m) + make_interval(days => t.day - 1) + t.at::time)
               AT TIME ZONE 'Asia/Shanghai') AS booked_at,
           CASE WHEN t.varies
                THEN round(t.amount * (1 + (((m.m * 7 + t.day * 3 + length(t.description)) % 21) - 10) / 100.0), 2)
                ELSE t.amount END AS booked_amount
    FROM template t CROSS JOIN months m
    WHERE DATE '2026-08-01' + make_interval(months => m.m) + make_interval(days => t.day - 1) <= DATE '2026-11-20'
)
SELECT md5('harbour/sandbox/' || account_id || '/' || m || '/' || day || '/' || description)::uuid AS transaction_id,
       kind, description, booked_at, account_id, counterparty, booked_amount AS amount
FROM dated;

-- The opening balances: what each customer account held before the history, so that it ends at its documented balance.
INSERT INTO sandbox_history (transaction_id, kind, description, booked_at, account_id, counterparty, amount)
SELECT md5('harbour/sandbox/' || target.account_id || '/opening')::uuid, 'opening-balance', 'Opening balance',
       (TIMESTAMP '2026-07-31 08:00' AT TIME ZONE 'Asia/Shanghai'), target.account_id, 'HB-BANK-CLEARING',
       target.balance - COALESCE((SELECT sum(h.amount) FROM sandbox_history h WHERE h.account_id = target.account_id), 0)
                      + COALESCE((SELECT sum(h.amount) FROM sandbox_history h WHERE h.counterparty = target.account_id), 0)
FROM (VALUES
    ('HB-ALICE-CUR', 18000.00),
    ('HB-BOB-CUR', 9000.00),
    ('HB-BOB-SAV', 50000.00)
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
