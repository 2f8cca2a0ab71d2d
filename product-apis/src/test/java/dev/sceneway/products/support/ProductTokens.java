package dev.sceneway.products.support;

import dev.sceneway.testing.TestTokens;

/**
 * {@link TestTokens} as product-apis' tests configure them: their issuer, the renovation-demo partner, scope
 * {@code products} unless a test says otherwise. {@link TestJwks} serves the verifying key.
 */
public final class ProductTokens {

    public static final String ISSUER = "https://auth.sceneway.test";
    public static final String CLIENT_ID = "renovation-demo";

    private ProductTokens() {
    }

    /** A token valid in every respect, carrying {@code scope}. */
    public static String withScope(String scope) {
        return token().scope(scope).sign();
    }

    /** A builder starting from a valid token with scope {@code products}. */
    public static TestTokens.Builder token() {
        return TestTokens.token(ISSUER, CLIENT_ID).scope("products");
    }
}
