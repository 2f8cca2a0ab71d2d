package dev.sceneway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.infra.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * in front of running product-apis that read PostgreSQL; the gateway's limits in a real Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxEndToEndIT {

    private static final String PROBLEMS = "https://sceneway.dev/problems/";
    private static final String LAKESIDE_PRODUCTS = "/v1/banks/lakeside/credit/products";
    private static final String HARBOUR_PRODUCTS = "/v1/banks/harbour/credit/products";

    private Sandbox sandbox;
    private SandboxClient partner;

    @BeforeAll
    void startSandbox() throws Exception {
        Path home = Path.of(System.getProperty("sceneway.home", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(home.resolve("sandbox-partners/target/sandbox-it"));
        SandboxSettings settings = SandboxSettings.isolated(home, work, "sceneway_it");
        sandbox = Sandbox.start(settings, Infrastructure.fromEnvironment());
        partner = new SandboxClient(settings);
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void partnerTokenFromAuthServerReadsEachBanksCatalogueThroughTheGateway() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "products");

        SandboxClient.Reply lakeside = partner.get(LAKESIDE_PRODUCTS, token);
        SandboxClient.Reply harbour = partner.get(HARBOUR_PRODUCTS, token);

        assertThat(lakeside.status()).isEqualTo(200);
        assertThat(lakeside.json().path("data").size()).isGreaterThan(0);
        for (JsonNode product : lakeside.json().path("data")) {
            assertThat(product.path("bankId").asString()).isEqualTo("lakeside");
            assertThat(product.path("currency").asString()).isEqualTo("EUR");
            assertThat(product.path("minAmount").isString()).as("money is a decimal string").isTrue();
            assertThat(product.path("minAmount").asString()).matches("\\d+\\.\\d{2}");
        }
        assertThat(harbour.status()).isEqualTo(200);
        assertThat(harbour.json().path("data").size()).isGreaterThan(0);
        for (JsonNode product : harbour.json().path("data")) {
            assertThat(product.path("bankId").asString()).isEqualTo("harbour");
            assertThat(product.path("currency").asString()).isEqualTo("CNY");
        }
        assertThat(lakeside.header("RateLimit-Policy")).isNotBlank();
    }

    @Test
    @Order(2)
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
    @Order(3)
    void callWithoutTokenIs401TokenMissing() {
        SandboxClient.Reply reply = partner.get(LAKESIDE_PRODUCTS, null);

        assertProblem(reply, 401, "token-missing");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    @Order(4)
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
    @Order(5)
    void tokenWithoutTheProductsScopeIs403() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "accounts");

        SandboxClient.Reply reply = partner.get(LAKESIDE_PRODUCTS, token);

        assertProblem(reply, 403, "insufficient-scope");
    }

    @Test
    @Order(6)
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
    @Order(7)
    void unknownBankAndUnknownPathAre404Problems() {
        String token = partner.token("checkout-demo", "checkout-demo-secret", "products");

        assertProblem(partner.get("/v1/banks/nosuchbank/credit/products", token), 404, "not-found");
        assertProblem(partner.get("/nothing/here", token), 404, "not-found");
        assertProblem(partner.get(LAKESIDE_PRODUCTS + "/no-such-product", token), 404, "not-found");
    }

    @Test
    @Order(8)
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
    @Order(9)
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

    private static void assertProblem(SandboxClient.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo(PROBLEMS + slug);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
    }
}
