package dev.sceneway.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The other services, as WireMock doubles started once per test JVM: the auth-server's JWKS, and the
 * product-apis of two banks. Each bank answers {@code {"bank":"<id>"}} under its own {@code /v1/banks/<id>/}.
 * The "sluggish" bank (served by harbour's WireMock) answers after {@link #SLUGGISH_DELAY_MS}.
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
                        .withBody(TestTokens.jwksJson())));
        lakeside = started();
        lakeside.stubFor(get(urlPathMatching("/v1/banks/lakeside/.*")).willReturn(okJson("{\"bank\":\"lakeside\"}")));
        harbour = started();
        harbour.stubFor(get(urlPathMatching("/v1/banks/harbour/.*")).willReturn(okJson("{\"bank\":\"harbour\"}")));
        harbour.stubFor(get(urlPathMatching("/v1/banks/sluggish/.*"))
                .willReturn(okJson("{\"bank\":\"sluggish\"}").withFixedDelay(SLUGGISH_DELAY_MS)));
        closedPort = freePort();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(8).jettyAcceptors(1));
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
}
