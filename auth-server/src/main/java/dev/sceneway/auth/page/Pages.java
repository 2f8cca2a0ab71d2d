package dev.sceneway.auth.page;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Renders a customer page: messages in the request's language, the shared frame (title, language switch, style), a
 * CSRF field for forms and the page's Content-Security-Policy. Plain HTML without script; every value that is not a
 * message of ours goes through {@link #escape}.
 */
@Component
public class Pages {

    public static final String LANG_PARAMETER = "lang";
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; }
            label, input[type=text], input[type=password], input:not([type]), button { display: block; width: 100%; box-sizing: border-box; }
            input { margin: .25rem 0 1rem; padding: .5rem; }
            button { padding: .6rem; margin: .25rem 0; }
            .error { color: #a00; }
            .notice { color: #060; }
            .lang { text-align: right; font-size: .9rem; }
            .choice { display: flex; gap: .5rem; align-items: baseline; margin: .3rem 0; }
            .choice input { margin: 0; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
            dt { font-weight: 600; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .4rem; border-bottom: 1px solid #ccc; vertical-align: top; }
            td button { width: auto; }
            """;

    private final MessageSource messages;

    Pages(MessageSource messages) {
        this.messages = messages;
    }

    /** The message {@code key} in the current language, with {@code args}, escaped for HTML. */
    public String text(String key, Object... args) {
        return escape(raw(key, args));
    }

    /** The message {@code key} in the current language, not escaped (for headers and values that are escaped later). */
    public String raw(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    public Locale locale() {
        Locale current = LocaleContextHolder.getLocale();
        Locale supported = PageLocales.supported(current.toLanguageTag());
        return supported == null ? PageLocales.ENGLISH : supported;
    }

    public static String escape(@Nullable Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value.toString(), "UTF-8");
    }

    /** The hidden CSRF field of a form, from the token Spring Security put on the request. */
    public static String csrfField(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (csrf == null) {
            throw new IllegalStateException("no CSRF token on " + request.getRequestURI());
        }
        return "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
                + escape(csrf.getToken()) + "\">";
    }

    /**
     * The whole page. {@code formTargets} are the origins a form of this page may end up at after redirects (a
     * partner's redirect URI): Chromium applies CSP {@code form-action} to every redirect that follows a form post.
     */
    public ResponseEntity<String> render(HttpServletRequest request, HttpStatusCode status, String titleKey,
            String body, Collection<String> formTargets) {
        String title = text(titleKey);
        String html = """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s</title>
                  <link rel="icon" href="data:,">
                  <style>%s</style>
                </head>
                <body>
                  <nav class="lang" aria-label="%s">%s</nav>
                  <main>
                    <h1>%s</h1>
                %s
                  </main>
                </body>
                </html>
                """.formatted(locale().toLanguageTag(), title, STYLE, text("page.language"), languageSwitch(request),
                title, body);
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", contentSecurityPolicy(formTargets))
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }

    public ResponseEntity<String> render(HttpServletRequest request, HttpStatusCode status, String titleKey,
            String body) {
        return render(request, status, titleKey, body, Set.of());
    }

    /** Links to this same page in the other language (the query kept, {@code lang} replaced). */
    private String languageSwitch(HttpServletRequest request) {
        StringBuilder links = new StringBuilder();
        for (Locale option : PageLocales.SUPPORTED) {
            String name = option.equals(PageLocales.CHINESE) ? "中文" : "English";
            if (!links.isEmpty()) {
                links.append(" · ");
            }
            if (option.equals(locale())) {
                links.append("<span aria-current=\"true\">").append(name).append("</span>");
            } else {
                String query = request.getQueryString();
                String href = UriComponentsBuilder.fromUriString(request.getRequestURI()
                                + (query == null ? "" : "?" + query))
                        .replaceQueryParam(LANG_PARAMETER, option.toLanguageTag()).build(false).toUriString();
                links.append("<a href=\"").append(escape(href)).append("\" hreflang=\"")
                        .append(option.toLanguageTag()).append("\" lang=\"").append(option.toLanguageTag())
                        .append("\">").append(name).append("</a>");
            }
        }
        return links.toString();
    }

    static String contentSecurityPolicy(Collection<String> formTargets) {
        Set<String> targets = new LinkedHashSet<>();
        targets.add("'self'");
        formTargets.stream().filter(origin -> origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+"))
                .forEach(targets::add);
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action " + String.join(" ", targets)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** scheme://host[:port] of a URI, for {@code form-action}; null when it has none. */
    public static @Nullable String origin(@Nullable String uri) {
        if (uri == null) {
            return null;
        }
        try {
            java.net.URI parsed = java.net.URI.create(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return null;
            }
            return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
