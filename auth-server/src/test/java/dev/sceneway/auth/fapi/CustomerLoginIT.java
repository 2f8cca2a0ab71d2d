package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestTotp;
import dev.sceneway.auth.client.PartnerClientRepository;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The customer login's two steps (password, then RFC 6238 code), and the pages' languages. */
class CustomerLoginIT extends AuthServerTestSupport {

    @Autowired
    private PartnerClientRepository clients;

    @Autowired
    private StringRedisTemplate redis;

    private CodeFlowClient browser;

    @BeforeEach
    void freshBrowser() {
        CodeFlowClients.register(clients);
        TestTotp.forgetUsedCodes(redis);
        browser = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER);
    }

    @AfterEach
    void removeGrants() {
        CodeFlowClients.removeGrants(jdbc);
    }

    @Test
    void loginWhenOnlyThePasswordIsRightThenNotLoggedInAnywhere() {
        HttpResponse<String> password = passwordStep("alice");

        assertThat(browser.location(password).getPath()).isEqualTo("/login/code");
        assertThat(browser.location(browser.get(browser.uri("/account/consents"))).getPath()).isEqualTo("/login");
        HttpResponse<String> par = browser.push(browser.pushedParameters());
        HttpResponse<String> authorize = browser.authorize(AuthJson.field(par.body(), "request_uri"));
        assertThat(browser.location(authorize).getPath()).isEqualTo("/login");
    }

    @Test
    void codeWhenRightThenLoggedInAndSentBackToTheDashboard() {
        assertThat(browser.location(browser.get(browser.uri("/account/consents"))).getPath()).isEqualTo("/login");
        passwordStep("alice");

        HttpResponse<String> code = browser.sendCode(TestTotp.now("alice"));

        assertThat(code.statusCode()).isEqualTo(302);
        assertThat(browser.location(code).getPath()).isEqualTo("/account/consents");
        HttpResponse<String> dashboard = browser.get(browser.location(code));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Your consents");
    }

    @Test
    void codeWhenOneStepOldThenStillAccepted() {
        passwordStep("bob");

        HttpResponse<String> code = browser.sendCode(TestTotp.at("bob", Instant.now().minusSeconds(30)));

        assertThat(browser.location(code).getPath()).isEqualTo("/account/consents");
    }

    @Test
    void codeWhenWrongThenTheSameFormWithAnErrorAndAfterFiveBackToThePassword() {
        passwordStep("alice");
        String wrong = TestTotp.at("alice", Instant.now().plusSeconds(600));

        for (int attempt = 1; attempt < 5; attempt++) {
            HttpResponse<String> again = browser.sendCode(wrong);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("That code is not right").contains("aria-invalid=\"true\"");
        }
        HttpResponse<String> fifth = browser.sendCode(wrong);

        assertThat(browser.location(fifth).toString()).endsWith("/login?error=attempts");
        assertThat(browser.get(browser.location(fifth)).body()).contains("Too many wrong codes");
        assertThat(browser.location(browser.get(browser.uri("/login/code"))).getPath()).isEqualTo("/login");
        assertThat(browser.location(browser.sendCodeWithoutForm(TestTotp.now("alice"))).getPath())
                .isEqualTo("/login");
    }

    @Test
    void codeWhenAlreadyUsedByThisCustomerThenRefusedEvenInAnotherSession() {
        String code = TestTotp.now("alice");
        passwordStep("alice");
        assertThat(browser.location(browser.sendCode(code)).getPath()).isEqualTo("/account/consents");

        CodeFlowClient thief = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER);
        thief.logInWithPasswordOnly(thief.get(thief.uri("/account/consents")), "alice", "alice-password");
        HttpResponse<String> replayed = thief.sendCode(code);

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("That code is not right");
    }

    @Test
    void codeWhenPostedWithoutTheCsrfTokenThenForbidden() {
        passwordStep("alice");

        assertThat(browser.postRaw("/login/code", "code=" + TestTotp.now("alice")).statusCode()).isEqualTo(403);
    }

    @Test
    void loginPageWhenBrowserPrefersChineseThenChineseTextsAndLangAttribute() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login"))
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").GET());

        assertThat(page.body()).contains("<html lang=\"zh-CN\">").contains("登录您的银行").contains("用户名")
                .contains("hreflang=\"en\"");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("UTF-8"));
    }

    @Test
    void languageWhenSwitchedWithLangThenRememberedInACookieOverAcceptLanguage() {
        HttpResponse<String> switched = browser.get(browser.uri("/login?lang=zh-CN"));
        assertThat(switched.body()).contains("<html lang=\"zh-CN\">");
        assertThat(switched.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("sceneway_lang=zh-CN"));

        HttpResponse<String> later = browser.get(browser.uri("/login"));
        HttpResponse<String> back = browser.get(browser.uri("/login?lang=en"));

        assertThat(later.body()).contains("登录您的银行");
        assertThat(back.body()).contains("<html lang=\"en\">").contains("Sign in to your bank");
    }

    private HttpResponse<String> passwordStep(String customer) {
        HttpResponse<String> toLogin = browser.get(browser.uri("/account/consents"));
        HttpResponse<String> password = browser.logInWithPasswordOnly(
                toLogin.statusCode() == 302 ? toLogin : browser.get(URI.create(browser.uri("/login").toString())),
                customer, customer + "-password");
        assertThat(browser.location(password).getPath()).isEqualTo("/login/code");
        return password;
    }
}
