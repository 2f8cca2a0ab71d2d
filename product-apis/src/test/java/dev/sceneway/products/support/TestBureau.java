package dev.sceneway.products.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The simulated credit bureau of the product-apis tests (a WireMock server, one per test JVM), with the sandbox's
 * personas: alice is approved, bob referred (borderline score), carol declined (a default on file, low score), dave
 * answered only after 2.5 s (longer than a request waits: pending, then decided by the retry job). Anyone else has
 * a clean file with score 720.
 */
public final class TestBureau {

    private static WireMockServer server;

    private TestBureau() {
    }

    public static synchronized String url() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            persona(null, 720, "[]", "0.00", 0);
            persona("alice", 790, "[]", "0.00", 0);
            persona("bob", 640, "[]", "320.00", 0);
            persona("carol", 520, "[\"DEFAULT\"]", "150.00", 0);
            persona("dave", 760, "[]", "0.00", 6000);
        }
        return "http://127.0.0.1:" + server.port();
    }

    private static void persona(String subject, int score, String adverse, String debt, int delayMillis) {
        var request = post(urlPathEqualTo("/v1/credit-reports"));
        if (subject != null) {
            request = request.withRequestBody(matchingJsonPath("$.subject", com.github.tomakehurst.wiremock.client
                    .WireMock.equalTo(subject))).atPriority(1);
        } else {
            request = request.atPriority(10);
        }
        server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withFixedDelay(delayMillis)
                .withBody("{\"score\":" + score + ",\"adverseRecords\":" + adverse + ",\"monthlyDebtPayments\":\""
                        + debt + "\"}")));
    }
}
