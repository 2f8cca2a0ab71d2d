package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClock;
import dev.sceneway.auth.TestTotp;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.testing.TestDpop;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The authorization code flow as FAPI 2.0 allows it: PAR, PKCE S256, login, iss, short single-use codes, DPoP. */
class CodeFlowIT extends AuthServerTestSupport {

    @Autowired
    private PartnerClientRepository clients;

    @Autowired
    private TestClock clock;

    @Autowired
    private StringRedisTemplate redis;

    private CodeFlowClient partner;

    @BeforeEach
    void registerPartner() {
        CodeFlowClients.register(clients);
        partner = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER,
                TestTotp.forgettingUsedCodes(redis, clock));
    }

    @AfterEach
    void resetClockAndPartners() {
        clock.reset();
        CodeFlowClients.removeGrants(jdbc);
    }

    @Test
    void codeFlowWhenPushedWithPkceAndDpopThenIssInResponseAndADpopBoundCustomerToken() throws Exception {
        Map<String, String> pushed = partner.pushedParameters();

        URI callback = partner.authorizeAsAlice(pushed);
        Map<String, String> response = CodeFlowClient.query(callback);
        HttpResponse<String> token = partner.redeem(response.get("code"), partner.tokenProof());

        assertThat(callback.toString()).startsWith(CodeFlowClient.REDIRECT_URI + "?");
        assertThat(response).containsEntry("state", pushed.get("state")).containsEntry("iss", ISSUER);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(AuthJson.field(token.body(), "token_type")).isEqualTo("DPoP");
        assertThat(AuthJson.field(token.body(), "refresh_token")).isNotBlank();
        SignedJWT accessToken = SignedJWT.parse(AuthJson.field(token.body(), "access_token"));
        assertThat(accessToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(accessToken.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(accessToken.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(CodeFlowClient.CLIENT_ID);
        assertThat(accessToken.getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("jkt", partner.dpopKey.thumbprint());
        assertThat(accessToken.getJWTClaimsSet().getStringListClaim("banks"))
                .containsExactlyInAnyOrder("lakeside", "harbour");
    }

    @Test
    void authorizeWhenNotPushedThenBadRequestProblemAndNoRedirect() {
        HttpResponse<String> response = partner.get(partner.uri("/oauth2/authorize?response_type=code&client_id="
                + CodeFlowClient.CLIENT_ID + "&redirect_uri=" + CodeFlowClient.REDIRECT_URI
                + "&code_challenge=" + CodeFlowClient.codeChallenge("x".repeat(43)) + "&code_challenge_method=S256"));

        assertBadRequestProblem(response, "PAR");
    }

    @Test
    void authorizeWhenRedirectUriAndEverythingElseIsMissingThenBadRequestProblemNotAServerError() {
        assertBadRequestProblem(partner.get(partner.uri("/oauth2/authorize?response_type=code&client_id="
                + CodeFlowClient.CLIENT_ID)), "PAR");
        assertBadRequestProblem(partner.get(partner.uri("/oauth2/authorize")), "PAR");
    }

    @Test
    void authorizeWhenRequestUriIsForgedThenBadRequestProblem() {
        assertBadRequestProblem(partner.authorize("urn:ietf:params:oauth:request_uri:forged___99999999999999"),
                "request_uri");
    }

    @Test
    void authorizeWhenRequestUriHasExpiredThenBadRequestProblem() {
        HttpResponse<String> par = partner.push(partner.pushedParameters());
        assertThat(AuthJson.read(par.body()).get("expires_in").asInt()).isPositive().isLessThanOrEqualTo(600);

        clock.shift(Duration.ofSeconds(AuthJson.read(par.body()).get("expires_in").asInt() + 1));

        assertBadRequestProblem(partner.authorize(AuthJson.field(par.body(), "request_uri")), "expired");
    }

    @Test
    void authorizeWhenRequestUriIsUsedASecondTimeThenRefused() {
        HttpResponse<String> par = partner.push(partner.pushedParameters());
        String requestUri = AuthJson.field(par.body(), "request_uri");
        HttpResponse<String> loggedIn = partner.logIn(partner.authorize(requestUri), "alice", "alice-password");
        URI first = partner.location(partner.get(partner.location(loggedIn)));
        assertThat(CodeFlowClient.query(first)).containsKey("code");

        HttpResponse<String> again = partner.authorize(requestUri);

        assertThat(again.headers().firstValue("Location").orElse("")).doesNotContain("code=");
        assertThat(again.statusCode()).isEqualTo(400);
    }

    @Test
    void parWhenPkceIsMissingThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.remove("code_challenge");
        pushed.remove("code_challenge_method");

        assertPushRefused(pushed, "invalid_request", "code_challenge");
    }

    @Test
    void parWhenPkceMethodIsPlainThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.put("code_challenge", partner.codeVerifier);
        pushed.put("code_challenge_method", "plain");

        assertPushRefused(pushed, "invalid_request", "S256");
    }

    @Test
    void parWhenPkceMethodIsMissingThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.remove("code_challenge_method");

        assertPushRefused(pushed, "invalid_request", "S256");
    }

    @Test
    void parWhenResponseTypeIsNotCodeThenUnsupportedResponseType() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.put("response_type", "token");

        assertPushRefused(pushed, "unsupported_response_type", null);
    }

    @Test
    void parWhenRedirectUriOnlyStartsWithTheRegisteredOneThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.put("redirect_uri", CodeFlowClient.REDIRECT_URI + "/elsewhere");

        assertPushRefused(pushed, "invalid_request", "redirect_uri");
    }

    @Test
    void parWhenRedirectUriDiffersInCaseThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.put("redirect_uri", CodeFlowClient.REDIRECT_URI.toUpperCase());

        assertPushRefused(pushed, "invalid_request", "redirect_uri");
    }

    @Test
    void parWhenRedirectUriIsMissingThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.remove("redirect_uri");

        assertPushRefused(pushed, "invalid_request", "redirect_uri");
    }

    @Test
    void parWhenDpopJktIsNotAThumbprintThenInvalidRequest() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.put("dpop_jkt", "not-a-thumbprint");

        assertPushRefused(pushed, "invalid_request", "dpop_jkt");
    }

    @Test
    void parWhenADpopProofIsPushedInsteadOfDpopJktThenOnlyItsKeyRedeemsTheCode() {
        Map<String, String> pushed = partner.pushedParameters();
        pushed.remove("dpop_jkt");
        HttpResponse<String> par = partner.push(pushed,
                partner.dpopKey.proof("POST", partner.uri("/oauth2/par").toString()).sign());
        assertThat(par.statusCode()).as(par.body()).isEqualTo(201);
        HttpResponse<String> loggedIn = partner.logIn(partner.authorize(AuthJson.field(par.body(), "request_uri")),
                "alice", "alice-password");
        String code = CodeFlowClient.query(partner.location(partner.get(partner.location(loggedIn)))).get("code");

        HttpResponse<String> thief = partner.redeem(code,
                TestDpop.ec().proof("POST", partner.uri("/oauth2/token").toString()).sign());
        HttpResponse<String> owner = partner.redeem(code, partner.tokenProof());

        assertThat(AuthJson.field(thief.body(), "error")).isEqualTo("invalid_dpop_proof");
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void parWhenTheDpopProofsKeyIsNotDpopJktThenInvalidDpopProof() {
        HttpResponse<String> par = partner.push(partner.pushedParameters(),
                TestDpop.ec().proof("POST", partner.uri("/oauth2/par").toString()).sign());

        assertThat(par.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(par.body(), "error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void parWhenTheDpopProofIsForAnotherUrlThenInvalidDpopProof() {
        HttpResponse<String> par = partner.push(partner.pushedParameters(),
                partner.dpopKey.proof("POST", partner.uri("/oauth2/token").toString()).sign());

        assertThat(par.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(par.body(), "error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void codeWhenRedeemedASecondTimeThenInvalidGrant() {
        String code = CodeFlowClient.query(partner.authorizeAsAlice(partner.pushedParameters())).get("code");
        assertThat(partner.redeem(code, partner.tokenProof()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = partner.redeem(code, partner.tokenProof());

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(again.body(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void codeWhenOlderThanSixtySecondsThenInvalidGrant() {
        // The code is issued 61 s in the past, so its 60 s are over when it is redeemed.
        clock.shift(Duration.ofSeconds(-61));
        String code = CodeFlowClient.query(partner.authorizeAsAlice(partner.pushedParameters())).get("code");
        clock.reset();

        HttpResponse<String> token = partner.redeem(code, partner.tokenProof());

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(token.body(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void codeWhenRedeemedWithoutDpopThenInvalidDpopProof() {
        String code = CodeFlowClient.query(partner.authorizeAsAlice(partner.pushedParameters())).get("code");

        HttpResponse<String> token = partner.redeem(code, null);

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(token.body(), "error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void codeWhenRedeemedWithAnotherKeyThanDpopJktThenInvalidDpopProof() {
        String code = CodeFlowClient.query(partner.authorizeAsAlice(partner.pushedParameters())).get("code");
        String thiefProof = TestDpop.ec().proof("POST", partner.uri("/oauth2/token").toString()).sign();

        HttpResponse<String> token = partner.redeem(code, thiefProof);

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(token.body(), "error")).isEqualTo("invalid_dpop_proof");
        assertThat(token.body()).doesNotContain("access_token");
    }

    @Test
    void codeWhenCodeVerifierIsWrongThenInvalidGrant() {
        String code = CodeFlowClient.query(partner.authorizeAsAlice(partner.pushedParameters())).get("code");

        HttpResponse<String> token = partner.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CodeFlowClient.REDIRECT_URI, "code_verifier", "y".repeat(43)), partner.tokenProof());

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(token.body(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void loginWhenPasswordIsWrongThenBackToTheFormWithAnErrorAndNoCode() {
        HttpResponse<String> par = partner.push(partner.pushedParameters());
        HttpResponse<String> failed = partner.logIn(partner.authorize(AuthJson.field(par.body(), "request_uri")),
                "alice", "not-her-password");

        assertThat(failed.statusCode()).isEqualTo(302);
        URI errorPage = partner.location(failed);
        assertThat(errorPage.getPath()).isEqualTo("/login");
        HttpResponse<String> page = partner.get(errorPage);
        assertThat(page.body()).contains("Wrong username or password");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'"));
    }

    @Test
    void loginWhenPostedWithoutTheCsrfTokenThenForbidden() {
        HttpResponse<String> response = partner.postForm("/login",
                Map.of("username", "alice", "password", "alice-password"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static void assertBadRequestProblem(HttpResponse<String> response, String detailMentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(AuthJson.field(response.body(), "type")).isEqualTo("https://sceneway.dev/problems/bad-request");
        assertThat(AuthJson.field(response.body(), "detail")).contains(detailMentions);
    }

    private void assertPushRefused(Map<String, String> pushed, String error, String descriptionMentions) {
        HttpResponse<String> response = partner.push(pushed);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(AuthJson.field(response.body(), "error")).isEqualTo(error);
        assertThat(response.body()).doesNotContain("request_uri\"");
        if (descriptionMentions != null) {
            assertThat(AuthJson.field(response.body(), "error_description")).contains(descriptionMentions);
        }
    }
}
