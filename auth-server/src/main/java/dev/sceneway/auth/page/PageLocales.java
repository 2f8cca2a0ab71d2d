package dev.sceneway.auth.page;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The customer pages' language: an explicit choice ({@code ?lang=zh-CN} or {@code ?lang=en}, remembered in a cookie)
 * wins over the browser's Accept-Language; anything else is English. Only the two supported locales ever come out,
 * so the {@code lang} attribute of a page and its messages always agree.
 */
public final class PageLocales implements LocaleResolver {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, CHINESE);
    static final String COOKIE = "sceneway_lang";
    private static final String CHOSEN = PageLocales.class.getName() + ".chosen";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
            return chosen;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    Locale remembered = supported(cookie.getValue());
                    if (remembered != null) {
                        return remembered;
                    }
                }
            }
        }
        for (Locale accepted : Collections.list(request.getLocales())) {
            Locale match = supported(accepted.toLanguageTag());
            if (match != null) {
                return match;
            }
        }
        return ENGLISH;
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response,
            @Nullable Locale locale) {
        Locale chosen = locale == null ? null : supported(locale.toLanguageTag());
        if (chosen == null) {
            return;
        }
        request.setAttribute(CHOSEN, chosen);
        if (response != null) {
            Cookie cookie = new Cookie(COOKIE, chosen.toLanguageTag());
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setMaxAge(60 * 60 * 24 * 365);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
    }

    /** zh, zh-CN, zh-Hans… → zh-CN; en, en-GB… → en; anything else → null. */
    static @Nullable Locale supported(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        return switch (language) {
            case "zh" -> CHINESE;
            case "en" -> ENGLISH;
            default -> null;
        };
    }
}
