package dev.sceneway.sandbox.bureau;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappingCollection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The credit bureau of the sandbox: a WireMock server on loopback answering {@code POST /v1/credit-reports} (the
 * contract of the banks' risk adapter) with the test personas of {@code outside-systems/bureau/personas.json}:
 * alice approved, bob referred, carol declined, dave answered late (pending, then decided in the background),
 * anyone else a clean file. The request journal is off: a sandbox runs for days.
 */
public final class SimulatedBureau implements AutoCloseable {

    static final String PERSONAS = "outside-systems/bureau/personas.json";

    private final WireMockServer server;

    private SimulatedBureau(WireMockServer server) {
        this.server = server;
    }

    /** Starts the bureau on {@code 127.0.0.1:port} with the personas loaded. */
    public static SimulatedBureau start(int port) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port)
                .disableRequestJournal().containerThreads(8).jettyAcceptors(1)
                .notifier(new Slf4jNotifier(false)));
        server.start();
        try {
            personas().forEach(server::addStubMapping);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return new SimulatedBureau(server);
    }

    /** The persona stubs, as WireMock mappings. */
    static List<StubMapping> personas() {
        try (InputStream in = Objects.requireNonNull(SimulatedBureau.class.getClassLoader()
                .getResourceAsStream(PERSONAS), PERSONAS)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.copyOf(Json.read(json, StubMappingCollection.class).getMappingOrMappings());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + PERSONAS, e);
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
