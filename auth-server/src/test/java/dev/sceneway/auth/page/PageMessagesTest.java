package dev.sceneway.auth.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PageMessagesTest {

    @Test
    void messagesWhenEnglishAndChineseThenTheSameKeysAndNoEmptyText() throws IOException {
        Properties english = load("/messages.properties");
        Properties chinese = load("/messages_zh_CN.properties");

        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(english.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
        assertThat(chinese.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
    }

    @Test
    void supportedWhenAnyChineseOrEnglishTagThenOneOfTheTwoLocalesElseNull() {
        assertThat(PageLocales.supported("zh-CN")).isEqualTo(PageLocales.CHINESE);
        assertThat(PageLocales.supported("zh")).isEqualTo(PageLocales.CHINESE);
        assertThat(PageLocales.supported("zh_TW")).isEqualTo(PageLocales.CHINESE);
        assertThat(PageLocales.supported("en-GB")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLocales.supported("de")).isNull();
        assertThat(PageLocales.supported("")).isNull();
    }

    @Test
    void contentSecurityPolicyWhenAPartnerOriginIsGivenThenOnlyItIsAddedToFormAction() {
        assertThat(Pages.contentSecurityPolicy(java.util.List.of("https://partner.example", "javascript:alert(1)")))
                .contains("form-action 'self' https://partner.example;").doesNotContain("javascript")
                .contains("default-src 'none'");
        assertThat(Pages.origin("https://partner.example:8443/callback?x=1")).isEqualTo("https://partner.example:8443");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(PageMessagesTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
