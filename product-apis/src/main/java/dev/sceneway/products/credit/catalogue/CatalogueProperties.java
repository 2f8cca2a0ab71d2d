package dev.sceneway.products.credit.catalogue;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the catalogue is served to computations that run on every partner page view (quotes).
 *
 * @param cacheTtl how long the active products are reused before they are read again; a product change shows in
 *                 quotes after at most this long (the catalogue endpoints always read the database)
 */
@Validated
@ConfigurationProperties("sceneway.credit.catalogue")
public record CatalogueProperties(
        // PT0S reads the database on every quote.
        @DefaultValue("PT30S") @NotNull Duration cacheTtl) {

    public CatalogueProperties {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must be >= 0, but was " + cacheTtl);
        }
    }
}
