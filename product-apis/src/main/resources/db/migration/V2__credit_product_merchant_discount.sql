-- Merchant-subsidised plans (typically 0 %): the merchant pays the bank a discount, a share of the financed amount,
-- so that the customer pays no interest. The customer never pays it: it is not part of the APR or the total cost
-- of credit, but partners show it to merchants. Percent with 4 decimals, like the nominal rate (the API shows 2).
ALTER TABLE credit_product
    ADD COLUMN merchant_discount_percent NUMERIC(7,4) NOT NULL DEFAULT 0,
    ADD CONSTRAINT credit_product_merchant_discount_range CHECK (merchant_discount_percent >= 0
                                                                 AND merchant_discount_percent < 100);

COMMENT ON COLUMN credit_product.merchant_discount_percent IS
    'Share of the financed amount the merchant pays the bank (merchant-subsidised plans), e.g. 4.5000; 0 otherwise';
