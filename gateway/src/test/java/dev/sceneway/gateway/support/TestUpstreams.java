package dev.sceneway.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sceneway.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * The other services, as WireMock doubles started once per test JVM: the auth-server's JWKS and consents API
 * ({@code /v1/banks/{bankId}/consents/**}: 201 on a POST, 200 on a GET, 204 on a DELETE), and the product-apis of
 * two banks (also answering the customer-level accounts and payments paths with 200, and a POST of a payment with
 * 201). Each bank answers credit.yaml's operations with spec-valid bodies of its own
 * ({@link TestProducts}: lakeside in EUR, harbour in CNY) and, like product-apis, echoes the
 * {@code x-fapi-interaction-id} it receives. The "sluggish" bank (served by harbour's WireMock) answers after
 * {@link #SLUGGISH_DELAY_MS}.
 */
public final class TestUpstreams {

    public static final int SLUGGISH_DELAY_MS = 1_500;
    private static WireMockServer authServer;
    private static WireMockServer lakeside;
    private static WireMockServer harbour;
    private static int closedPort;

    private TestUpstreams() {
    }

    public static synchronized WireMockServer authServer() {
        start();
        return authServer;
    }

    public static synchronized WireMockServer lakeside() {
        start();
        return lakeside;
    }

    public static synchronized WireMockServer harbour() {
        start();
        return harbour;
    }

    /** A local port nothing listens on: connections are refused at once. */
    public static synchronized int closedPort() {
        start();
        return closedPort;
    }

    public static String jwkSetUri() {
        return authServer().baseUrl() + "/oauth2/jwks";
    }

    private static void start() {
        if (authServer != null) {
            return;
        }
        authServer = started();
        authServer.stubFor(get(urlPathEqualTo("/oauth2/jwks"))
                .willReturn(aResponse().withHeader("Content-Type", "application/jwk-set+json")
                        .withBody(TestTokens.publicJwks().toString())));
        stubConsentsApi(authServer);
        lakeside = started();
        stubCreditProducts(lakeside, "lakeside", "EUR", 0);
        stubCustomerApis(lakeside, "lakeside");
        harbour = started();
        stubCreditProducts(harbour, "harbour", "CNY", 0);
        stubCustomerApis(harbour, "harbour");
        stubCreditProducts(harbour, "sluggish", "CNY", SLUGGISH_DELAY_MS);
        closedPort = freePort();
    }

    private static void stubCreditProducts(WireMockServer server, String bankId, String currency, int delayMs) {
        String products = "/v1/banks/" + bankId + "/credit/products";
        server.stubFor(get(urlPathEqualTo(products))
                .willReturn(okJson(TestProducts.pageJson(bankId, currency)).withFixedDelay(delayMs)));
        server.stubFor(get(urlPathMatching(products + "/[^/]+"))
                .willReturn(okJson(TestProducts.productJson(bankId, currency)).withFixedDelay(delayMs)));
    }

    private static void stubConsentsApi(WireMockServer server) {
        String consents = "/v1/banks/[a-z0-9]+/consents";
        server.stubFor(post(urlPathMatching(consents + "/[a-z-]+")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"AwaitingAuthorisation\"}")));
        server.stubFor(get(urlPathMatching(consents + "/[^/]+"))
                .willReturn(okJson("{\"status\":\"Authorised\"}")));
        server.stubFor(delete(urlPathMatching(consents + "/[^/]+")).willReturn(aResponse().withStatus(204)));
    }

    /** What a test of consent enforcement needs from the bank: an answer, to show the call was forwarded. */
    private static void stubCustomerApis(WireMockServer server, String bankId) {
        String base = "/v1/banks/" + bankId;
        server.stubFor(any(urlPathMatching(base + "/(accounts|payments)(/.*)?"))
                .willReturn(okJson("{\"bankId\":\"" + bankId + "\"}")));
        server.stubFor(post(urlPathEqualTo(base + "/payments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"paymentId\":\"p-1\"}")));
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(8).jettyAcceptors(1)
                .extensions(new EchoInteractionId()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-wiremock"));
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** What product-apis does with {@code x-fapi-interaction-id}: echo the caller's, or generate one. */
    private static final class EchoInteractionId implements ResponseDefinitionTransformerV2 {

        static final String HEADER = "x-fapi-interaction-id";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            String received = serveEvent.getRequest().getHeader(HEADER);
            return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                    .withHeader(HEADER, received != null ? received : UUID.randomUUID().toString())
                    .build();
        }

        @Override
        public String getName() {
            return "echo-interaction-id";
        }
    }
}
