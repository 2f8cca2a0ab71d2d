package dev.sceneway.auth.fapi;

import static dev.sceneway.testing.NodeScripts.assumeNodeAndChromium;
import static dev.sceneway.testing.NodeScripts.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestConsents;
import dev.sceneway.auth.TestTotp;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.testing.NodeScripts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The customer journey in headless Chromium (src/test/browser/journey.mjs, playwright-core pinned in its
 * package.json): the partner side (consents, PAR, code exchange) in Java, the customer's browser in Node. One browser
 * launch for the class; screenshots in target/journey-screenshots. Skipped, loudly, without Node.js or Chromium
 * unless {@code CI} is set.
 */
class ConsentJourneyBrowserIT extends AuthServerTestSupport {

    private static final Path MODULE_DIR = Path.of("").toAbsolutePath();
    private static final Path BROWSER_DIR = Path.of("src/test/browser");

    @Autowired
    private PartnerClientRepository clients;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private TestConsents testConsents;

    @AfterEach
    void removeGrants() {
        CodeFlowClients.removeGrants(jdbc);
    }

    @Test
    void journeyWhenCustomersApproveDenyAndRevokeInTheBrowserThenTokensAndConsentsFollow() throws Exception {
        assumeNodeAndChromium();
        CodeFlowClients.register(clients);
        ConsentView accountAccess = testConsents.accountAccess(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentView payment = testConsents.payment(CodeFlowClient.CLIENT_ID, "lakeside");
        ConsentView credit = testConsents.credit(CodeFlowClient.CLIENT_ID, "harbour");
        CodeFlowClient accountsPartner = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER);
        CodeFlowClient paymentPartner = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER);
        CodeFlowClient creditPartner = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER);
        Map<String, String> creditRequest = creditPartner.pushedParameters("credit", credit.id());
        String accountAccessUrl = authorizationUrl(accountsPartner, accountsPartner.pushedParameters("accounts",
                accountAccess.id()));
        String paymentUrl = authorizationUrl(paymentPartner, paymentPartner.pushedParameters("payments", payment.id()));
        String creditUrl = authorizationUrl(creditPartner, creditRequest);
        run(MODULE_DIR, List.of("bash", "-c", ". ../scripts/node-tools.sh && require_node 'the browser journey' "
                + "&& npm_install_pinned " + BROWSER_DIR), Map.of());
        TestTotp.forgetUsedCodes(redis);

        String output = run(MODULE_DIR, List.of("node", BROWSER_DIR.resolve("journey.mjs").toString()), Map.of(
                "BASE_URL", "http://127.0.0.1:" + port, "REDIRECT_URI", CodeFlowClient.REDIRECT_URI,
                "ACCOUNT_ACCESS_URL", accountAccessUrl, "PAYMENT_URL", paymentUrl, "CREDIT_URL", creditUrl,
                "PAYMENT_CONSENT_ID", payment.id(), "CHROMIUM", NodeScripts.CHROMIUM.toString(),
                "SCREENSHOT_DIR", MODULE_DIR.resolve("target/journey-screenshots").toString()));

        JsonNode callbacks = AuthJson.read(output.lines().reduce((first, last) -> last).orElse("{}")).get("callbacks");
        assertThat(callbacks).hasSize(3);
        // Account access: approved with one account; the token carries it.
        HttpResponse<String> token = accountsPartner.redeem(
                CodeFlowClient.query(URI.create(callbacks.get(0).asString())).get("code"), accountsPartner.tokenProof());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(AuthJson.field(token.body(), "access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("consent_id")).isEqualTo(accountAccess.id());
        assertThat(claims.getJSONObjectClaim("consent")).containsEntry("accounts", List.of("LS-ALICE-CUR"))
                .containsEntry("type", "account-access").containsEntry("bank", "lakeside");
        // Payment: approved, then revoked on the dashboard before the partner redeemed its code.
        assertThat(testConsents.current(payment.id()).status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(testConsents.current(payment.id()).accounts()).containsExactly("LS-ALICE-CUR");
        HttpResponse<String> revoked = paymentPartner.redeem(
                CodeFlowClient.query(URI.create(callbacks.get(1).asString())).get("code"), paymentPartner.tokenProof());
        assertThat(AuthJson.field(revoked.body(), "error")).isEqualTo("invalid_grant");
        // Credit: bob denied it, in Chinese.
        assertThat(CodeFlowClient.query(URI.create(callbacks.get(2).asString())))
                .containsEntry("error", "access_denied").containsEntry("state", creditRequest.get("state"));
        assertThat(testConsents.current(credit.id()).status()).isEqualTo(ConsentStatus.REJECTED);
        assertThat(testConsents.current(credit.id()).customer()).isEqualTo("bob");
        assertThat(MODULE_DIR.resolve("target/journey-screenshots/08-consent-credit-zh.png")).exists();
    }

    private String authorizationUrl(CodeFlowClient partner, Map<String, String> pushed) {
        HttpResponse<String> par = partner.push(pushed);
        assertThat(par.statusCode()).as(par.body()).isEqualTo(201);
        return "http://127.0.0.1:" + port + "/oauth2/authorize?client_id=" + CodeFlowClient.CLIENT_ID
                + "&request_uri=" + URLEncoder.encode(AuthJson.field(par.body(), "request_uri"), StandardCharsets.UTF_8);
    }
}
