package dev.sceneway.auth.journey;

import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.PaymentTerms;
import dev.sceneway.auth.page.Pages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** How a consent reads to its customer, on the consent screen and the dashboard: every piece escaped. */
@Component
class ConsentTexts {

    private final Pages pages;

    ConsentTexts(Pages pages) {
        this.pages = pages;
    }

    String bank(String bankId) {
        String key = "bank." + bankId;
        String name = pages.raw(key);
        return Pages.escape(key.equals(name) ? bankId : name);
    }

    String type(ConsentView consent) {
        return pages.text("consent.type." + consent.type().wireName());
    }

    String status(ConsentView consent) {
        return pages.text("status." + consent.status().wireName());
    }

    String permission(String permission) {
        String key = "consent.permission." + permission;
        String text = pages.raw(key);
        return Pages.escape(key.equals(text) ? permission : text);
    }

    String permissionList(ConsentView consent) {
        return consent.permissions().stream().map(p -> "<li>" + permission(p) + "</li>")
                .collect(Collectors.joining("", "<ul>", "</ul>"));
    }

    /** Amounts as the consent holds them (scale 2), then the currency code: "25.00 EUR". */
    String amount(PaymentTerms payment) {
        return Pages.escape(payment.amount().toPlainString() + " " + payment.currency());
    }

    /** A date and time in the customer's language, always in UTC (said so), as the consent stores it. */
    String instant(@Nullable Instant instant) {
        if (instant == null) {
            return "";
        }
        return Pages.escape(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(pages.locale())
                .withZone(ZoneOffset.UTC).format(instant) + " UTC");
    }
}
