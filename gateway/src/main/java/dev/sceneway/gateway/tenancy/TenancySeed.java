package dev.sceneway.gateway.tenancy;

/**
 * Writes configured banks or plans into the tenancy tables at startup, before the first snapshot is read. Seeds
 * run in {@link org.springframework.core.annotation.Order} order: banks before the plans that name them.
 */
public interface TenancySeed {

    /** Order of the seed of configured banks. */
    int BANKS = 0;
    /** Order of the seed of configured plans. */
    int PLANS = 10;

    void seed(TenancyStore store);
}
