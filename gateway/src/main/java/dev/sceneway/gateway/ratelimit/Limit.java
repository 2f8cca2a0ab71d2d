package dev.sceneway.gateway.ratelimit;

/** The limit of a plan that refused a request; its {@link #wireName()} is the 429 problem's {@code limit} member. */
enum Limit {

    RATE("rate"),
    DAILY_QUOTA("daily-quota"),
    MONTHLY_QUOTA("monthly-quota");

    private final String wireName;

    Limit(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
