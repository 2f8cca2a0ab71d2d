package dev.sceneway.products.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Real HTTP to a running test instance; every response on an API path is checked against the contract
 * ({@link ContractResponses}) before the test sees it.
 */
public final class TestHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestHttp() {
    }

    public static HttpResponse<String> get(int port, String pathWithQuery, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathWithQuery))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        ContractResponses.check("GET", pathWithQuery, response.statusCode(), response.headers().map(),
                response.body());
        return response;
    }

    /** A POST of a JSON body; {@code headers} are name/value pairs. */
    public static HttpResponse<String> postJson(int port, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        ContractResponses.check("POST", path, response.statusCode(), response.headers().map(), response.body());
        return response;
    }
}
