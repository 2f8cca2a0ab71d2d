package dev.sceneway.products.credit.risk;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The credit bureau the risk adapter asks.
 *
 * @param url            the bureau's base URL ({@code POST {url}/v1/credit-reports})
 * @param connectTimeout how long to wait for a connection; the overall wait is the caller's patience
 */
@Validated
@ConfigurationProperties("sceneway.credit.bureau")
public record BureauProperties(
        @NotNull URI url,
        @DefaultValue("PT0.5S") @NotNull Duration connectTimeout) {
}
