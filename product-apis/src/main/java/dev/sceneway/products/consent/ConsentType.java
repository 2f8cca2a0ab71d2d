package dev.sceneway.products.consent;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of consent, by their wire names in the {@code consent.type} claim (auth-server's ConsentType). */
public enum ConsentType {

    ACCOUNT_ACCESS("account-access"),
    PAYMENT("payment"),
    CREDIT("credit");

    private final String wireName;

    ConsentType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<ConsentType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
