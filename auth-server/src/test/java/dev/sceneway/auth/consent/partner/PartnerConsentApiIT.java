package dev.sceneway.auth.consent.partner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClock;
import dev.sceneway.auth.TestPartners;
import dev.sceneway.auth.consent.ConsentLifecycle;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.openapi.ContractValidator;
import dev.sceneway.testing.TestDpop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The partner consents API over HTTP with real access tokens of this server; every response is checked against
 * consents.yaml.
 */
class PartnerConsentApiIT extends AuthServerTestSupport {

    private static final ContractValidator CONTRACT = ContractValidator.of("consents");
    private static final String LAKESIDE = "/v1/banks/lakeside/consents";

    @Autowired
    private ConsentLifecycle lifecycle;

    @Autowired
    private TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void createAccountAccessThenAwaitingWithDefaultsLocationAndInteractionId() {
        String token = renovation("accounts");

        HttpResponse<String> created = call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\",\"transactions\"]}");
        JsonNode consent = json(created);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(consent.get("type").asString()).isEqualTo("account-access");
        assertThat(consent.get("status").asString()).isEqualTo("AwaitingAuthorisation");
        assertThat(consent.get("bankId").asString()).isEqualTo("lakeside");
        assertThat(consent.get("frequencyPerDay").asInt()).isEqualTo(4);
        assertThat(consent.has("accounts")).isFalse();
        assertThat(Instant.parse(consent.get("expiresAt").asString()))
                .isBetween(clock.instant().plus(Duration.ofDays(180)).minusSeconds(60),
                        clock.instant().plus(Duration.ofDays(180)));
        assertThat(created.headers().firstValue("Location")).hasValue(LAKESIDE + "/" + consent.get("consentId")
                .asString());
        assertThat(created.headers().firstValue("x-fapi-interaction-id")).isPresent();
    }

    @Test
    void createPaymentAndCreditThenTheirTermsAndPermissions() {
        HttpResponse<String> payment = call("POST", LAKESIDE + "/payment", checkout("payments"), """
                {"amount":"25.00","currency":"EUR","creditorAccount":"LS-SHOP-MERCHANT",
                 "creditorName":"Checkout demo shop","reference":"ORDER-1001"}""");
        HttpResponse<String> credit = call("POST", LAKESIDE + "/credit", renovation("credit"),
                "{\"permissions\":[\"share-application-data\",\"credit-bureau-check\"]}");

        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
        assertThat(json(payment).get("payment").get("amount").asString()).isEqualTo("25.00");
        assertThat(json(payment).has("expiresAt")).isFalse();
        assertThat(json(payment).get("permissions").isEmpty()).isTrue();
        assertThat(credit.statusCode()).as(credit.body()).isEqualTo(201);
        assertThat(json(credit).get("permissions").toString())
                .isEqualTo("[\"share-application-data\",\"credit-bureau-check\"]");
        assertThat(json(credit).has("frequencyPerDay")).isFalse();
    }

    @Test
    void getWhenAuthorisedThenAccountsAndStatusUpdatedAt() {
        String token = renovation("accounts");
        String id = createAccountAccess(token);
        lifecycle.authorise(id, "alice", List.of("LS-ALICE-CUR", "LS-ALICE-SAV"));

        HttpResponse<String> response = call("GET", LAKESIDE + "/" + id, token, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("Authorised");
        assertThat(json(response).get("accounts").toString()).isEqualTo("[\"LS-ALICE-CUR\",\"LS-ALICE-SAV\"]");
        assertThat(json(response).get("statusUpdatedAt").asString()).isNotEqualTo(json(response).get("createdAt")
                .asString());
    }

    @Test
    void invalidRequestsThen400BadRequestNamingTheField() {
        String token = checkout("accounts payments");
        String past = clock.instant().minus(Duration.ofHours(1)).toString();
        String tooLate = clock.instant().plus(Duration.ofDays(181)).toString();

        assertBadRequest(call("POST", LAKESIDE + "/account-access", token, "{\"permissions\":[]}"), "permissions");
        assertBadRequest(call("POST", LAKESIDE + "/account-access", token, "{\"permissions\":[\"payments\"]}"),
                "permissions[0]");
        assertBadRequest(call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"balances\",\"balances\"]}"), "permissions[1]");
        assertBadRequest(call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\"],\"expiresAt\":\"" + past + "\"}"), "expiresAt");
        assertBadRequest(call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\"],\"expiresAt\":\"" + tooLate + "\"}"), "expiresAt");
        assertBadRequest(call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\"],\"expiresAt\":\"next week\"}"), "expiresAt");
        assertBadRequest(call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\"],\"frequencyPerDay\":101}"), "frequencyPerDay");
        assertBadRequest(call("POST", LAKESIDE + "/payment", token, payment("0.00", "EUR", "ORDER-1")), "amount");
        assertBadRequest(call("POST", LAKESIDE + "/payment", token, payment("1.005", "EUR", "ORDER-1")), "amount");
        assertBadRequest(call("POST", LAKESIDE + "/payment", token, payment("10.00", "eur", "ORDER-1")), "currency");
        assertBadRequest(call("POST", LAKESIDE + "/payment", token, payment("10.00", "XYZ", "ORDER-1")), "currency");
        assertBadRequest(call("POST", LAKESIDE + "/payment", token, payment("10.00", "EUR", "R".repeat(36))),
                "reference");
        HttpResponse<String> noKey = send(request("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\"]}"));
        assertBadRequest(noKey, "x-idempotency-key");
    }

    @Test
    void tokenWithoutTheTypesScopeThen403InsufficientScope() {
        HttpResponse<String> response = call("POST", LAKESIDE + "/payment", renovation("accounts"),
                payment("10.00", "EUR", "ORDER-1"));
        String id = createAccountAccess(renovation("accounts"));
        HttpResponse<String> read = call("GET", LAKESIDE + "/" + id, renovation("credit"), null);

        assertProblem(response, 403, "insufficient-scope");
        assertThat(json(response).get("detail").asString()).contains("'payments'");
        assertProblem(read, 403, "insufficient-scope");
    }

    @Test
    void bankNotInTheTokensBanksThen403PartnerNotApproved() {
        HttpResponse<String> response = call("POST", "/v1/banks/northwind/consents/account-access",
                renovation("accounts"), "{\"permissions\":[\"accounts\"]}");

        assertProblem(response, 403, "partner-not-approved");
        assertThat(json(response).get("detail").asString()).contains("northwind");
    }

    @Test
    void anotherPartnersConsentOrAnotherBankThen404LikeAnUnknownId() {
        String id = createAccountAccess(renovation("accounts"));
        String other = checkout("accounts payments");

        assertProblem(call("GET", LAKESIDE + "/" + id, other, null), 404, "not-found");
        assertProblem(call("DELETE", LAKESIDE + "/" + id, other, null), 404, "not-found");
        assertProblem(call("GET", "/v1/banks/harbour/consents/" + id, renovation("accounts"), null), 404,
                "not-found");
        assertProblem(call("GET", LAKESIDE + "/" + UUID.randomUUID(), other, null), 404, "not-found");
        assertThat(lifecycle.find(id).orElseThrow().status()).isEqualTo(ConsentStatus.AWAITING_AUTHORISATION);
    }

    @Test
    void deleteThenRevokedAndAgain204ButFinalStatusesAre409() {
        String token = checkout("accounts payments");
        String revocable = createAccountAccess(token);
        lifecycle.authorise(revocable, "alice", List.of("LS-ALICE-CUR"));
        String rejected = createAccountAccess(token);
        lifecycle.reject(rejected, "alice");
        String consumed = json(call("POST", LAKESIDE + "/payment", token, payment("25.00", "EUR", "ORDER-2")))
                .get("consentId").asString();
        lifecycle.authorise(consumed, "alice", List.of("LS-ALICE-CUR"));
        lifecycle.consume(consumed, "lakeside", "pay-2");

        assertThat(call("DELETE", LAKESIDE + "/" + revocable, token, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", LAKESIDE + "/" + revocable, token, null).statusCode()).isEqualTo(204);
        assertThat(json(call("GET", LAKESIDE + "/" + revocable, token, null)).get("status").asString())
                .isEqualTo("Revoked");
        assertProblem(call("DELETE", LAKESIDE + "/" + rejected, token, null), 409, "consent-state-conflict");
        HttpResponse<String> conflict = call("DELETE", LAKESIDE + "/" + consumed, token, null);
        assertProblem(conflict, 409, "consent-state-conflict");
        assertThat(json(conflict).get("detail").asString()).contains("Consumed");
    }

    @Test
    void deleteWhenExpiredThen409() {
        String token = renovation("accounts");
        String id = createAccountAccess(token);
        clock.shift(Duration.ofHours(2));
        assertThat(lifecycle.expireIfDue(id)).isTrue();

        assertProblem(call("DELETE", LAKESIDE + "/" + id, token, null), 409, "consent-state-conflict");
    }

    @Test
    void noTokenOrABadOneThen401Problems() {
        assertProblem(call("GET", LAKESIDE + "/" + UUID.randomUUID(), null, null), 401, "token-missing");
        assertProblem(call("GET", LAKESIDE + "/" + UUID.randomUUID(), "not-a-jwt", null), 401, "token-invalid");
    }

    @Test
    void dpopBoundTokenWhenSentThroughTheGatewayWithAProofForItsPublicUrlThenAccepted() {
        TestDpop key = TestDpop.ec();
        String tokenUrl = "http://127.0.0.1:" + port + "/oauth2/token";
        HttpResponse<String> tokenResponse = send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "renovation-demo:renovation-demo-secret".getBytes(StandardCharsets.UTF_8)))
                .header("DPoP", key.proof("POST", tokenUrl).sign())
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=accounts")));
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        String token = json(tokenResponse).get("access_token").asString();
        String path = LAKESIDE + "/account-access";
        String publicUrl = "https://api.sceneway.test" + path;

        HttpResponse<String> bound = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "DPoP " + token)
                .header("DPoP", key.proof("POST", publicUrl).accessToken(token).sign())
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.sceneway.test")
                .header("Content-Type", "application/json").header("x-idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"permissions\":[\"accounts\"]}")));
        HttpResponse<String> asBearer = call("POST", path, token, "{\"permissions\":[\"accounts\"]}");
        HttpResponse<String> proofForInternalUrl = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "DPoP " + token)
                .header("DPoP", key.proof("POST", uri(path).toString()).accessToken(token).sign())
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.sceneway.test")
                .header("Content-Type", "application/json").header("x-idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"permissions\":[\"accounts\"]}")));

        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        assertThat(asBearer.statusCode()).as("a DPoP-bound token is not a bearer token").isEqualTo(401);
        conforms("POST", path, bound);
        conforms("POST", path, proofForInternalUrl);
        assertProblem(proofForInternalUrl, 401, "dpop-proof-invalid");
        assertThat(proofForInternalUrl.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("DPoP error=\"invalid_dpop_proof\""));
    }

    private String createAccountAccess(String token) {
        HttpResponse<String> created = call("POST", LAKESIDE + "/account-access", token,
                "{\"permissions\":[\"accounts\",\"balances\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("consentId").asString();
    }

    private String renovation(String scope) {
        return accessToken(TestPartners.renovationPartner(), scope);
    }

    private String checkout(String scope) {
        return accessToken(TestPartners.checkoutPartner(), scope);
    }

    private static String payment(String amount, String currency, String reference) {
        return "{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\",\"creditorAccount\":"
                + "\"LS-SHOP-MERCHANT\",\"creditorName\":\"Checkout demo shop\",\"reference\":\"" + reference + "\"}";
    }

    /** A call as a partner makes it (a POST with an idempotency key); the response is checked against the spec. */
    private HttpResponse<String> call(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = request(method, path, bearer, body);
        if (method.equals("POST")) {
            request.header("x-idempotency-key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = send(request);
        conforms(method, path, response);
        return response;
    }

    private HttpRequest.Builder request(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private static void conforms(String method, String path, HttpResponse<String> response) {
        Map<String, List<String>> headers = response.headers().map();
        CONTRACT.assertConforms(method, path, response.statusCode(), headers, response.body());
    }

    private static void assertBadRequest(HttpResponse<String> response, String field) {
        assertProblem(response, 400, "bad-request");
        assertThat(json(response).get("detail").asString()).contains("'" + field + "'");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/" + type);
    }
}
