package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClock;
import dev.sceneway.auth.TestConsents;
import dev.sceneway.auth.TestTotp;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.CustomerConsents;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * PAR with {@code consent_id}, the consent screen and the tokens bound to the consent, over HTTP as a browser and a
 * partner would do it. Consents come from {@link TestConsents}.
 */
class ConsentFlowIT extends AuthServerTestSupport {

    @Autowired
    private PartnerClientRepository clients;

    @Autowired
    private TestClock clock;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private TestConsents testConsents;

    @Autowired
    private CustomerConsents consents;

    private CodeFlowClient partner;

    @BeforeEach
    void registerPartner() {
        CodeFlowClients.register(clients);
        partner = client();
    }

    @AfterEach
    void removeGrantsAndResetClock() {
        CodeFlowClients.removeGrants(jdbc);
        clock.reset();
    }

    @Test
    void parWhenConsentIdIsUnknownThenInvalidRequest() {
        assertPushRefused(partner.pushedParameters("accounts", "3f1c0000-0000-4000-8000-000000000000"), "consent_id");
    }

    @Test
    void parWhenConsentIsAnotherClientsThenInvalidRequest() {
        ConsentView others = testConsents.accountAccess(CodeFlowClient.OTHER_CLIENT_ID, "lakeside");

        assertPushRefused(partner.pushedParameters("accounts", others.id()), "consent_id");
    }

    @Test
    void parWhenScopeLacksTheConsentTypesScopeThenInvalidRequest() {
        ConsentView payment = testConsents.payment(CodeFlowClient.CLIENT_ID, "lakeside");

        assertPushRefused(partner.pushedParameters("accounts", payment.id()), "payments");
    }

    @Test
    void parWhenConsentIsNoLongerAwaitingAuthorisationThenInvalidRequest() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        consents.reject(consent.id(), "alice");

        assertPushRefused(partner.pushedParameters("accounts", consent.id()), "Rejected");
    }

    @Test
    void accountAccessWhenApprovedWithOneAccountThenTokenCarriesSubConsentIdAndTheConsentClaim() throws Exception {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentScreen screen = toConsentScreen(partner, partner.pushedParameters("accounts", consent.id()), "alice");

        assertThat(screen.page.body()).contains(Pages_escape(consent.partnerName())).contains("Lakeside Bank")
                .contains("LS-ALICE-CUR").contains("LS-ALICE-SAV").doesNotContain("HB-ALICE-CUR")
                .contains("See their balances").contains("Up to 4 per day");
        URI callback = approve(partner, screen, "LS-ALICE-CUR");
        JWTClaimsSet claims = redeem(partner, callback);

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("consent_id")).isEqualTo(consent.id());
        assertThat(claims.getJSONObjectClaim("consent")).containsEntry("type", "account-access")
                .containsEntry("bank", "lakeside").containsEntry("permissions", List.of("accounts", "balances"))
                .containsEntry("accounts", List.of("LS-ALICE-CUR")).doesNotContainKey("payment");
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.AUTHORISED);
    }

    @Test
    void paymentWhenApprovedThenTermsAndDebtorInTokenAndRefreshKeepsThemUntilTheCustomerRevokes() throws Exception {
        ConsentView consent = testConsents.payment(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentScreen screen = toConsentScreen(partner, partner.pushedParameters("payments", consent.id()), "alice");
        assertThat(screen.page.body()).contains("25.00 EUR").contains("Checkout demo shop").contains("ORDER-1001")
                .contains("LS-SHOP-MERCHANT").contains("type=\"radio\"").contains("LS-ALICE-CUR")
                .doesNotContain("HB-ALICE-CUR");

        HttpResponse<String> token = partner.redeem(CodeFlowClient.query(approve(partner, screen, "LS-ALICE-CUR"))
                .get("code"), partner.tokenProof());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(paymentClaim(AuthJson.field(token.body(), "access_token")))
                .containsEntry("accounts", List.of("LS-ALICE-CUR")).containsEntry("permissions", List.of())
                .containsEntry("payment", Map.of("amount", "25.00", "currency", "EUR",
                        "creditorAccount", "LS-SHOP-MERCHANT", "creditorName", "Checkout demo shop",
                        "reference", "ORDER-1001"));
        HttpResponse<String> refreshed = refresh(AuthJson.field(token.body(), "refresh_token"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(paymentClaim(AuthJson.field(refreshed.body(), "access_token")))
                .containsEntry("type", "payment");

        consents.revokeByCustomer(consent.id(), "alice");
        HttpResponse<String> afterRevocation = refresh(AuthJson.field(refreshed.body(), "refresh_token"));

        assertThat(afterRevocation.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(afterRevocation.body(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void creditWhenApprovedThenPermissionsInPlainWordsAndNoAccounts() throws Exception {
        ConsentView consent = testConsents.credit(CodeFlowClient.CLIENT_ID, "harbour");
        ConsentScreen screen = toConsentScreen(partner, partner.pushedParameters("credit", consent.id()), "bob");
        assertThat(screen.page.body()).contains("Harbour Bank").contains("check your credit record")
                .doesNotContain("name=\"account\"");

        JWTClaimsSet claims = redeem(partner, approve(partner, screen));

        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getJSONObjectClaim("consent")).containsEntry("type", "credit")
                .containsEntry("bank", "harbour").containsEntry("accounts", List.of())
                .containsEntry("permissions", List.of("share-application-data", "credit-bureau-check",
                        "accept-agreement"));
    }

    @Test
    void denyWhenChosenThenAccessDeniedAtTheRedirectUriAndTheConsentIsRejected() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        Map<String, String> pushed = partner.pushedParameters("accounts", consent.id());
        ConsentScreen screen = toConsentScreen(partner, pushed, "alice");

        HttpResponse<String> denied = partner.postWithCsrf("/consent", screen.csrf, Map.of("client_id",
                CodeFlowClient.CLIENT_ID, "request_uri", screen.requestUri, "decision", "deny"));
        URI callback = partner.location(partner.get(partner.location(denied)));

        assertThat(callback.toString()).startsWith(CodeFlowClient.REDIRECT_URI + "?");
        assertThat(CodeFlowClient.query(callback)).containsEntry("error", "access_denied")
                .containsEntry("state", pushed.get("state")).containsEntry("iss", ISSUER).doesNotContainKey("code");
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.REJECTED);
        assertThat(testConsents.current(consent.id()).customer()).isEqualTo("alice");
    }

    @Test
    void approveWhenNoAccountOrAnotherBanksAccountIsPickedThenTheScreenAgainWithAnErrorAndNothingAuthorised() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentScreen screen = toConsentScreen(partner, partner.pushedParameters("accounts", consent.id()), "alice");

        HttpResponse<String> none = partner.postWithCsrf("/consent", screen.csrf, Map.of("client_id",
                CodeFlowClient.CLIENT_ID, "request_uri", screen.requestUri, "decision", "approve"));
        HttpResponse<String> otherBank = partner.postWithCsrf("/consent", screen.csrf, Map.of("client_id",
                CodeFlowClient.CLIENT_ID, "request_uri", screen.requestUri, "decision", "approve",
                "account", "HB-ALICE-CUR"));

        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Please choose at least one of your accounts");
        assertThat(otherBank.statusCode()).isEqualTo(400);
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.AWAITING_AUTHORISATION);
    }

    @Test
    void approveWhenPostedWithoutTheCsrfTokenThenForbiddenAndNothingAuthorised() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentScreen screen = toConsentScreen(partner, partner.pushedParameters("accounts", consent.id()), "alice");

        HttpResponse<String> forged = partner.postRaw("/consent", "client_id=" + CodeFlowClient.CLIENT_ID
                + "&request_uri=" + encode(screen.requestUri) + "&decision=approve&account=LS-ALICE-CUR");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.AWAITING_AUTHORISATION);
    }

    @Test
    void approveWhenTheAuthorisationWindowEndedOnTheScreenThenTheConsentIsExpiredAndThePartnerTold() {
        // Created 20 s short of the window (1 h), so the pushed request outlives it by far.
        clock.shift(Duration.ofSeconds(20).minus(Duration.ofHours(1)));
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        clock.reset();
        Map<String, String> pushed = partner.pushedParameters("accounts", consent.id());
        ConsentScreen screen = toConsentScreen(partner, pushed, "alice");
        clock.shift(Duration.ofSeconds(40));

        HttpResponse<String> decided = partner.postWithCsrf("/consent", screen.csrf, Map.of("client_id",
                CodeFlowClient.CLIENT_ID, "request_uri", screen.requestUri, "decision", "approve",
                "account", "LS-ALICE-CUR"));
        Map<String, String> answer = CodeFlowClient.query(partner.location(partner.get(partner.location(decided))));

        assertThat(answer).containsEntry("error", "invalid_request").containsEntry("state", pushed.get("state"))
                .doesNotContainKey("code");
        assertThat(answer.get("error_description")).contains("Expired");
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.EXPIRED);
    }

    @Test
    void approveWhenTheConsentWasDecidedOnAnotherRequestThenNoCodeButInvalidRequestForThisOne() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentScreen first = toConsentScreen(partner, partner.pushedParameters("accounts", consent.id()), "alice");
        HttpResponse<String> second = partner.push(partner.pushedParameters("accounts", consent.id()));
        assertThat(second.statusCode()).isEqualTo(201);
        approve(partner, first, "LS-ALICE-CUR");

        HttpResponse<String> again = partner.authorize(AuthJson.field(second.body(), "request_uri"));
        Map<String, String> answer = CodeFlowClient.query(partner.location(again));

        assertThat(answer).containsEntry("error", "invalid_request").doesNotContainKey("code");
        assertThat(answer.get("error_description")).contains("Authorised");
    }

    @Test
    void authorizeWhenNoConsentIdThenNoConsentScreenAsBefore() {
        URI callback = partner.authorizeAsAlice(partner.pushedParameters());

        assertThat(CodeFlowClient.query(callback)).containsKey("code");
    }

    @Test
    void dashboardWhenLoggedInThenListsTheConsentAndRevokeMakesItRevoked() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        approve(partner, toConsentScreen(partner, partner.pushedParameters("accounts", consent.id()), "alice"),
                "LS-ALICE-SAV");

        HttpResponse<String> dashboard = partner.get(partner.uri("/account/consents"));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("data-consent=\"" + consent.id() + "\"").contains("Active")
                .contains("LS-ALICE-SAV").contains("/account/consents/" + consent.id() + "/revoke");
        HttpResponse<String> revoked = partner.postWithCsrf("/account/consents/" + consent.id() + "/revoke",
                CodeFlowClient.csrf(dashboard), Map.of());
        HttpResponse<String> after = partner.get(partner.location(revoked));

        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(after.body()).contains("The consent was revoked").contains("Revoked");
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.REVOKED);
    }

    @Test
    void dashboardWhenRevokePostedWithoutCsrfThenForbiddenAndStillAuthorised() {
        ConsentView consent = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        approve(partner, toConsentScreen(partner, partner.pushedParameters("accounts", consent.id()), "alice"),
                "LS-ALICE-CUR");

        HttpResponse<String> forged = partner.postRaw("/account/consents/" + consent.id() + "/revoke", "");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(testConsents.current(consent.id()).status()).isEqualTo(ConsentStatus.AUTHORISED);
    }

    // --- the journey's steps ---

    private record ConsentScreen(String requestUri, HttpResponse<String> page, String csrf) {
    }

    private CodeFlowClient client() {
        return new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER, TestTotp.forgettingUsedCodes(redis, clock));
    }

    /** PAR, authorization request, login (password and code): the consent screen. */
    private static ConsentScreen toConsentScreen(CodeFlowClient client, Map<String, String> pushed, String customer) {
        HttpResponse<String> par = client.push(pushed);
        assertThat(par.statusCode()).as(par.body()).isEqualTo(201);
        String requestUri = AuthJson.field(par.body(), "request_uri");
        HttpResponse<String> authorize = client.authorize(requestUri);
        HttpResponse<String> loggedIn = authorize.statusCode() == 302
                && client.location(authorize).getPath().equals("/login")
                ? client.logIn(authorize, customer, customer + "-password") : authorize;
        HttpResponse<String> back = client.get(client.location(loggedIn));
        assertThat(back.statusCode()).as("redirect to the consent screen").isEqualTo(302);
        URI consentPage = client.location(back);
        assertThat(consentPage.getPath()).isEqualTo("/consent");
        HttpResponse<String> page = client.get(consentPage);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("form-action 'self' https://partner.example"));
        return new ConsentScreen(requestUri, page, CodeFlowClient.csrf(page));
    }

    /** Allow with these accounts: the redirect to the partner. */
    private static URI approve(CodeFlowClient client, ConsentScreen screen, String... accounts) {
        StringBuilder form = new StringBuilder("client_id=" + CodeFlowClient.CLIENT_ID + "&request_uri="
                + encode(screen.requestUri) + "&decision=approve&_csrf=" + encode(screen.csrf));
        for (String account : accounts) {
            form.append("&account=").append(encode(account));
        }
        HttpResponse<String> decided = client.postRaw("/consent", form.toString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(303);
        HttpResponse<String> authorized = client.get(client.location(decided));
        assertThat(authorized.statusCode()).isEqualTo(302);
        URI callback = client.location(authorized);
        assertThat(callback.toString()).startsWith(CodeFlowClient.REDIRECT_URI + "?");
        return callback;
    }

    private static JWTClaimsSet redeem(CodeFlowClient client, URI callback) throws Exception {
        HttpResponse<String> token = client.redeem(CodeFlowClient.query(callback).get("code"), client.tokenProof());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return SignedJWT.parse(AuthJson.field(token.body(), "access_token")).getJWTClaimsSet();
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return partner.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                partner.tokenProof());
    }

    private static Map<String, Object> paymentClaim(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("consent");
    }

    private void assertPushRefused(Map<String, String> pushed, String descriptionMentions) {
        HttpResponse<String> response = partner.push(pushed);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(AuthJson.field(response.body(), "error")).isEqualTo("invalid_request");
        assertThat(AuthJson.field(response.body(), "error_description")).contains(descriptionMentions);
    }

    private static String Pages_escape(String text) {
        return dev.sceneway.auth.page.Pages.escape(text);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
