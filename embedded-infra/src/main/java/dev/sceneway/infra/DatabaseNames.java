package dev.sceneway.infra;

import java.util.regex.Pattern;

/** Database names go into DDL, which cannot take bind parameters: only plain identifiers pass. */
final class DatabaseNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private DatabaseNames() {
    }

    static String check(String database) {
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database must match " + IDENTIFIER + ", but was '" + database + "'");
        }
        return database;
    }
}
