package dev.sceneway.sandbox;

import static dev.sceneway.testing.NodeScripts.assumeNode;
import static dev.sceneway.testing.NodeScripts.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.infra.Infrastructure;
import dev.sceneway.openapi.SpecExamples;
import dev.sceneway.sdk.ClientCredentials;
import dev.sceneway.sdk.Paging;
import dev.sceneway.sdk.ScenewayClient;
import dev.sceneway.sdk.generated.ApiException;
import dev.sceneway.sdk.generated.ApiResponse;
import dev.sceneway.sdk.generated.api.CreditProductsApi;
import dev.sceneway.sdk.generated.model.CreditProduct;
import dev.sceneway.sdk.generated.model.CreditProductPage;
import dev.sceneway.sdk.generated.model.CreditQuote;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The foundation's whole path across processes: a token from a running auth-server, accepted by a running gateway,
 * in front of running product-apis that read PostgreSQL; the gateway's limits in a real Redis. Successful catalogue
 * calls go through the partner SDK, deliberately bad requests through raw HTTP; every response on {@code /v1/banks/...}
 * is checked against credit.yaml on the way in ({@link ContractChecking}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxEndToEndIT {

    private static final String PROBLEMS = "https://sceneway.dev/problems/";
    private static final String LAKESIDE_PRODUCTS = "/v1/banks/lakeside/credit/products";
    private static final String HARBOUR_PRODUCTS = "/v1/banks/harbour/credit/products";

    private final ContractChecking contract = new ContractChecking();
    private Sandbox sandbox;
    private SandboxClient partner;

    @BeforeAll
    void startSandbox() throws Exception {
        Path home = Path.of(System.getProperty("sceneway.home", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(home.resolve("sandbox-partners/target/sandbox-it"));
        SandboxSettings settings = SandboxSettings.isolated(home, work, "sceneway_it");
        sandbox = Sandbox.start(settings, Infrastructure.fromEnvironment());
        partner = new SandboxClient(settings, contract.httpClientBuilder().build());
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void partnerSdkReadsEachBanksCatalogueListOneProductAndPageByPage() throws ApiException {
        int checkedBefore = contract.checkedResponses();
        CreditProductsApi products = sdk("checkout-demo", "checkout-demo-secret").creditProducts();
        UUID interactionId = UUID.randomUUID();

        ApiResponse<CreditProductPage> lakeside = products.listCreditProductsWithHttpInfo("lakeside", interactionId,
                null, null);
        CreditProductPage harbour = products.listCreditProducts("harbour", null, null, null);

        assertThat(lakeside.getData().getData()).isNotEmpty().allSatisfy(product -> {
            assertThat(product.getBankId()).isEqualTo("lakeside");
            assertThat(product.getCurrency()).isEqualTo("EUR");
            assertThat(product.getMinAmount()).as("money is a decimal string").matches("\\d+\\.\\d{2}");
        });
        assertThat(lakeside.getData().getLinks().getNext()).as("the default page holds the whole catalogue").isNull();
        assertThat(header(lakeside, "x-fapi-interaction-id")).isEqualTo(interactionId.toString());
        assertThat(header(lakeside, "RateLimit-Policy")).isNotBlank();
        assertThat(harbour.getData()).isNotEmpty().allSatisfy(product -> {
            assertThat(product.getBankId()).isEqualTo("harbour");
            assertThat(product.getCurrency()).isEqualTo("CNY");
        });
        for (CreditProductPage catalogue : List.of(lakeside.getData(), harbour)) {
            CreditProduct last = catalogue.getData().getLast();
            assertThat(products.getCreditProduct(last.getBankId(), last.getProductId(), null)).isEqualTo(last);
            assertThat(pageByPage(products, last.getBankId(), 2)).isEqualTo(catalogue.getData());
        }
        assertThat(contract.checkedResponses() - checkedBefore).as("responses checked against credit.yaml")
                .isEqualTo(2 + 2 + pagesOf(lakeside.getData(), 2) + pagesOf(harbour, 2));
    }

    @Test
    @Order(2)
    void lakesideCatalogueIsExactlyTheExampleInTheContract() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "products");

        SandboxClient.Reply list = partner.get(LAKESIDE_PRODUCTS, token);
        SandboxClient.Reply renovation = partner.get(LAKESIDE_PRODUCTS + "/lakeside-renovation", token);

        // Compared on the wire, not through the SDK's models, which would drop unknown fields.
        assertThat(list.json()).isEqualTo(example("/v1/banks/{bankId}/credit/products"));
        assertThat(renovation.json()).isEqualTo(example("/v1/banks/{bankId}/credit/products/{productId}"));
    }

    @Test
    @Order(3)
    void partnerSdkQuoteThroughTheGatewayIsTheContractsExample() throws ApiException {
        int checkedBefore = contract.checkedResponses();

        CreditQuote quote = sdk("checkout-demo", "checkout-demo-secret").creditQuotes()
                .getCreditQuote("lakeside", "3000.00", "EUR", 6, null, null);

        // The example in credit.yaml is the sandbox's answer to this very request; the SDK reads it into its models.
        CreditQuote example = SandboxClient.JSON.readValue(
                SpecExamples.responseExample("credit", "GET", "/v1/banks/{bankId}/credit/quotes", 200), CreditQuote.class);
        assertThat(quote).isEqualTo(example);
        assertThat(quote.getData()).isNotEmpty().allSatisfy(plan -> assertThat(plan.getSchedule()).hasSize(6));
        assertThat(contract.checkedResponses() - checkedBefore).as("responses checked against credit.yaml")
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void accessTokenIsAPs256JwtNamingThePartner() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "products");

        JsonNode header = SandboxClient.jwtPart(token, 0);
        JsonNode claims = SandboxClient.jwtPart(token, 1);
        assertThat(header.path("alg").asString()).isEqualTo("PS256");
        assertThat(header.path("typ").asString()).isEqualTo("at+jwt");
        assertThat(claims.path("client_id").asString()).isEqualTo("checkout-demo");
        assertThat(claims.path("iss").asString()).isEqualTo(sandbox.settings().issuer());
        assertThat(claims.path("scope").asString()).isEqualTo("products");
    }

    @Test
    @Order(5)
    void callWithoutTokenIs401TokenMissing() {
        SandboxClient.Reply reply = partner.get(LAKESIDE_PRODUCTS, null);

        assertProblem(reply, 401, "token-missing");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    @Order(6)
    void tokenWhoseClaimsWereEditedIs401TokenInvalid() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "accounts");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"accounts\"", "\"products\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertProblem(partner.get(LAKESIDE_PRODUCTS, forged), 401, "token-invalid");
        assertProblem(partner.get(LAKESIDE_PRODUCTS, "not-a-jwt"), 401, "token-invalid");
    }

    @Test
    @Order(7)
    void tokenWithoutTheProductsScopeIs403() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "accounts");

        SandboxClient.Reply reply = partner.get(LAKESIDE_PRODUCTS, token);

        assertProblem(reply, 403, "insufficient-scope");
    }

    @Test
    @Order(8)
    void partnerOverItsPlanGets429WithRetryAfterAndOthersAreUnaffected() {
        String renovation = partner.token("renovation-demo", "renovation-demo-secret", "products");
        List<Integer> statuses = new ArrayList<>();
        SandboxClient.Reply limited = null;
        for (int call = 0; call < 12 && limited == null; call++) { // plan: 5 calls, then 1 per second
            SandboxClient.Reply reply = partner.get(LAKESIDE_PRODUCTS, renovation);
            statuses.add(reply.status());
            if (reply.status() == 429) {
                limited = reply;
            }
        }

        assertThat(statuses).as("statuses until the first 429").startsWith(200, 200, 200, 200, 200).contains(429);
        assertProblem(limited, 429, "rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        String checkout = partner.token("checkout-demo", "checkout-demo-secret", "products");
        assertThat(partner.get(LAKESIDE_PRODUCTS, checkout).status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void unknownBankAndUnknownPathAre404Problems() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "products");

        assertProblem(partner.get("/v1/banks/nosuchbank/credit/products", token), 404, "not-found");
        assertProblem(partner.get("/nothing/here", token), 404, "not-found");
        assertProblem(partner.get(LAKESIDE_PRODUCTS + "/no-such-product", token), 404, "not-found");
    }

    @Test
    @Order(10)
    void tokensSurviveAnAuthServerRestart() throws Exception {
        String before = partner.token("checkout-demo", "checkout-demo-secret", "products");

        sandbox.restart(ServiceCommands.AUTH_SERVER);

        String after = partner.token("checkout-demo", "checkout-demo-secret", "products");
        String kid = SandboxClient.jwtPart(before, 0).path("kid").asString();
        assertThat(SandboxClient.jwtPart(after, 0).path("kid").asString()).isEqualTo(kid);
        JsonNode jwks = partner.getAbsolute(sandbox.settings().issuer() + "/oauth2/jwks").json();
        assertThat(jwks.path("keys").findValuesAsString("kid")).contains(kid);
        assertThat(partner.get(LAKESIDE_PRODUCTS, before).status()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void bankServiceDownIs503WithinABoundedTimeAndRevealsNoInternals() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "products");
        sandbox.stop(ServiceCommands.productApis("harbour"));
        int harbourPort = sandbox.settings().banks().get(1).ports().server();

        long start = System.nanoTime();
        SandboxClient.Reply reply = partner.get(HARBOUR_PRODUCTS, token);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(reply, 503, "upstream-unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(reply.body()).doesNotContain("127.0.0.1", "localhost", ":" + harbourPort);
        assertThat(partner.get(LAKESIDE_PRODUCTS, token).status()).as("the other bank still answers").isEqualTo(200);
    }

    /**
     * Issue #4's independent client (auth-server/src/test/node/fapi-client.mjs, oauth4webapi) as the sandbox's
     * {@code fapi-demo} partner: discovery, private_key_jwt client_credentials with DPoP, PAR + PKCE + DPoP code flow
     * with alice's login automated, then the catalogue through the gateway with the DPoP-bound partner token: 200
     * with its proof, 401 without it (as {@code DPoP} without a proof, and as a plain bearer token). Needs Node.js;
     * skipped loudly without it unless {@code CI} is set.
     */
    @Test
    @Order(12)
    void independentClientWithPrivateKeyJwtAndDpopCallsTheGatewayAndTheTokenIsUselessWithoutItsKey()
            throws Exception {
        Path home = sandbox.settings().home();
        Path clientDir = home.resolve("auth-server/src/test/node");
        assumeNode();
        run(home, List.of("bash", "-c", ". scripts/node-tools.sh && require_node 'the independent OAuth client' "
                + "&& npm_install_pinned " + home.relativize(clientDir)), Map.of());
        String privateJwk;
        try (InputStream key = getClass().getResourceAsStream("/sandbox-keys/fapi-demo.private-jwk.json")) {
            privateJwk = new String(Objects.requireNonNull(key, "the demo key").readAllBytes(), StandardCharsets.UTF_8);
        }
        String api = sandbox.settings().gatewayUrl() + LAKESIDE_PRODUCTS;

        String output = run(home, List.of("node", clientDir.resolve("fapi-client.mjs").toString()), Map.of(
                "ISSUER", sandbox.settings().issuer(), "CLIENT_ID", "fapi-demo", "CLIENT_PRIVATE_JWK", privateJwk,
                "REDIRECT_URI", "http://localhost:8765/callback", "CUSTOMER_USERNAME", "alice",
                "CUSTOMER_PASSWORD", "alice-password", "PARTNER_SCOPE", "products", "API_URL", api));

        JsonNode seen = SandboxClient.JSON.readTree(output.lines().reduce((first, last) -> last).orElse("{}"));
        assertThat(seen.path("partnerClientId").asString()).isEqualTo("fapi-demo");
        assertThat(seen.path("partnerTokenType").asString()).isEqualToIgnoringCase("DPoP");
        assertThat(seen.path("partnerJkt").asString()).hasSize(43);
        assertThat(seen.path("customerTokenType").asString()).isEqualToIgnoringCase("DPoP");
        assertThat(seen.path("customerSubject").asString()).isEqualTo("alice");
        assertThat(seen.path("iss").asString()).isEqualTo(sandbox.settings().issuer());
        JsonNode gateway = seen.path("api");
        assertThat(gateway.path("withProofStatus").asInt()).as(output).isEqualTo(200);
        assertThat(gateway.path("withoutProofStatus").asInt()).as(output).isEqualTo(401);
        assertThat(gateway.path("withoutProofType").asString()).startsWith(PROBLEMS);
        assertThat(gateway.path("asBearerStatus").asInt()).as(output).isEqualTo(401);
    }



    /** The SDK as a partner uses it, on a contract-checking HTTP client. */
    private ScenewayClient sdk(String clientId, String secret) {
        SandboxSettings settings = sandbox.settings();
        return ScenewayClient.sandbox(URI.create(settings.gatewayUrl()),
                new ClientCredentials(URI.create(settings.issuer() + "/oauth2/token"), clientId, secret, "products"),
                contract.httpClientBuilder());
    }

    /** The whole catalogue, fetched {@code limit} products at a time by following the {@code next} cursors. */
    private static List<CreditProduct> pageByPage(CreditProductsApi products, String bankId, int limit)
            throws ApiException {
        List<CreditProduct> all = new ArrayList<>();
        @Nullable String cursor = null;
        for (int page = 0; page < 50; page++) { // bounded: a cursor that never ends must fail, not hang
            CreditProductPage current = products.listCreditProducts(bankId, null, cursor, limit);
            assertThat(current.getData()).hasSizeLessThanOrEqualTo(limit);
            all.addAll(current.getData());
            cursor = Paging.nextCursor(current.getLinks()).orElse(null);
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("paging " + bankId + " did not end within 50 pages");
    }

    private static int pagesOf(CreditProductPage catalogue, int limit) {
        return Math.max(1, (catalogue.getData().size() + limit - 1) / limit);
    }

    private static @Nullable String header(ApiResponse<?> response, String name) {
        List<String> values = response.getHeaders().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static JsonNode example(String pathTemplate) {
        return SandboxClient.JSON.readTree(SpecExamples.responseExample("credit", "GET", pathTemplate, 200));
    }

    private static void assertProblem(SandboxClient.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo(PROBLEMS + slug);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
    }
}
