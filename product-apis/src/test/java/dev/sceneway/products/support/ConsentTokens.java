package dev.sceneway.products.support;

import dev.sceneway.testing.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Customer-level tokens as the auth-server issues them once a customer approved a consent: {@code sub} the customer,
 * {@code consent_id} and the {@code consent} claim of the shared contract, e.g.
 * {@code ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR").permissions("balances").sign()}.
 */
public final class ConsentTokens {

    private ConsentTokens() {
    }

    public static Builder accountAccess(String customer, String bank) {
        return new Builder(customer, bank, "account-access", "accounts");
    }

    /** A credit consent with all three credit permissions, scope credit. */
    public static Builder credit(String customer, String bank) {
        return new Builder(customer, bank, "credit", "credit").permissions("share-application-data",
                "credit-bureau-check", "accept-agreement");
    }

    public static Builder payment(String customer, String bank) {
        return new Builder(customer, bank, "payment", "payments");
    }

    /** One customer-level token; the defaults are a valid account-access token for all three permissions. */
    public static final class Builder {

        private final String customer;
        private final String consentId = UUID.randomUUID().toString();
        private String bank;
        private String type;
        private String scope;
        private List<String> permissions = List.of("accounts", "balances", "transactions");
        private List<String> accounts = List.of();
        private Map<String, Object> payment = Map.of();
        private String clientId = ProductTokens.CLIENT_ID;

        private Builder(String customer, String bank, String type, String scope) {
            this.customer = customer;
            this.bank = bank;
            this.type = type;
            this.scope = scope;
            if (type.equals("payment")) {
                permissions = List.of();
            }
        }

        public Builder accounts(String... accounts) {
            this.accounts = List.of(accounts);
            return this;
        }

        public Builder permissions(String... permissions) {
            this.permissions = List.of(permissions);
            return this;
        }

        public Builder bank(String bank) {
            this.bank = bank;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public Builder partner(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The payment terms: {@code amount}, {@code currency}, {@code creditorAccount}, {@code creditorName}, {@code reference}. */
        public Builder payment(Map<String, Object> terms) {
            this.payment = Map.copyOf(terms);
            return this;
        }

        public String consentId() {
            return consentId;
        }

        public String sign() {
            Map<String, Object> consent = new LinkedHashMap<>();
            consent.put("type", type);
            consent.put("bank", bank);
            consent.put("permissions", permissions);
            consent.put("accounts", accounts);
            if (!payment.isEmpty()) {
                consent.put("payment", payment);
            }
            return TestTokens.token(ProductTokens.ISSUER, clientId)
                    .scope(scope)
                    .subject(customer)
                    .claim("consent_id", consentId)
                    .claim("consent", consent)
                    .sign();
        }
    }
}
