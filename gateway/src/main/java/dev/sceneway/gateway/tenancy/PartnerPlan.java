package dev.sceneway.gateway.tenancy;

/**
 * What {@link PartnerApprovalFilter} found for a request: the partner, the bank's route and the partner's plan
 * there. Stored as the exchange attribute {@link #ATTRIBUTE} for the filters after it (rate limit, metering).
 */
public record PartnerPlan(String partner, BankRoute bank, Plan plan) {

    public static final String ATTRIBUTE = PartnerPlan.class.getName();
}
