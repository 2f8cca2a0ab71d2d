package dev.sceneway.auth.clientauth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.sceneway.auth.client.PublicUrlGuard;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Fetches a client's jwks_uri only when {@link PublicUrlGuard} still accepts it, with short timeouts, a size cap,
 * and no redirects (a redirect could lead past the guard).
 */
final class GuardedResourceRetriever implements ResourceRetriever {

    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int MAX_BYTES = 64 * 1024;

    private final PublicUrlGuard urls;
    private final ResourceRetriever delegate = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, MAX_BYTES) {
        @Override
        protected HttpURLConnection openConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    };

    GuardedResourceRetriever(PublicUrlGuard urls) {
        this.urls = urls;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        String problem = urls.problemWith("jwks_uri", url.toString()).orElse(null);
        if (problem != null) {
            throw new IOException(problem);
        }
        return delegate.retrieveResource(url);
    }
}
