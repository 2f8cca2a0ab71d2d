package dev.sceneway.products.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sceneway.testing.TestTokens;

/**
 * The auth-server's JWKS endpoint as a WireMock double, one per test JVM, serving {@link TestTokens}' key (the one
 * {@link ProductTokens} signs with).
 */
public final class TestJwks {

    private static final String PATH = "/oauth2/jwks";
    private static WireMockServer server;

    private TestJwks() {
    }

    public static synchronized String uri() {
        if (server == null) {
            WireMockServer started = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            started.start();
            started.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse()
                    .withHeader("Content-Type", "application/jwk-set+json")
                    .withBody(TestTokens.publicJwks().toString())));
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-jwks"));
            server = started;
        }
        return "http://127.0.0.1:" + server.port() + PATH;
    }
}
