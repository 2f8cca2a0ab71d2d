package dev.sceneway.sandbox;

import dev.sceneway.infra.Infrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/** {@code ./sandbox.sh}: starts the whole sandbox, prints how to use it, and stops everything on Ctrl-C. */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path home = Path.of(System.getProperty("sceneway.home", "")).toAbsolutePath().normalize();
        SandboxSettings settings = SandboxSettings.standard(home, System.getenv("SCENEWAY_SANDBOX_JVM_OPTS"));
        Infrastructure infrastructure = Infrastructure.fromEnvironment();
        System.out.println("Starting the Sceneway sandbox (PostgreSQL: "
                + (infrastructure.externalPostgres() ? "external" : "embedded") + ", Redis: "
                + (infrastructure.externalRedis() ? "external" : "embedded") + ") ...");

        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(settings, infrastructure);
        } catch (RuntimeException e) {
            System.err.println("The sandbox did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the sandbox ...");
            sandbox.close();
            stopped.countDown();
        }, "sandbox-stop"));

        Duration ready = Duration.ofNanos(System.nanoTime() - started);
        System.out.println(banner(settings, ready, ResidentMemory.totalKib(sandbox.processIds())));
        stopped.await();
    }

    static String banner(SandboxSettings settings, Duration ready, OptionalLong rssKib) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nSceneway sandbox ready in %.1f s", ready.toMillis() / 1000.0));
        rssKib.ifPresent(kib -> out.append(String.format(" (%d MB resident across all its processes)", kib / 1024)));
        out.append(String.format("%n%n  Gateway, the only API entry   %s", settings.gatewayUrl()));
        out.append(String.format("%n  API docs (Swagger UI)         %s/docs", settings.gatewayUrl()));
        out.append(String.format("%n  Authorization server (issuer) %s", settings.issuer()));
        out.append(String.format("%n  Credit bureau (simulated)     %s   personas: alice approved, bob referred,"
                + " carol declined, dave pending", settings.bureauUrl()));
        for (SandboxSettings.Bank bank : settings.banks()) {
            out.append(String.format("%n  Bank %-9s %-32s behind the gateway at /v1/banks/%s/...",
                    bank.id(), bank.name(), bank.id()));
        }
        out.append(String.format("%n%n  Demo partner apps (grant client_credentials, client_secret_basic):"));
        for (List<String> partner : List.of(
                List.of("renovation-demo", "renovation-demo-secret", "products accounts", "5 calls, then 1 per second"),
                List.of("checkout-demo", "checkout-demo-secret", "products accounts payments", "20 calls, then 10 per second"))) {
            out.append(String.format("%n    %-16s secret %-24s scopes: %-27s limit: %s",
                    partner.get(0), partner.get(1), partner.get(2), partner.get(3)));
        }
        out.append(String.format("%n%n  Try it (the README walks through 200, 401, 403 and 429):"));
        out.append(String.format("%n    TOKEN=$(curl -s -u renovation-demo:renovation-demo-secret -d grant_type=client_credentials"
                + " -d scope=products %s/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')", settings.issuer()));
        out.append(String.format("%n    curl -s -H \"Authorization: Bearer $TOKEN\" %s/v1/banks/lakeside/credit/products",
                settings.gatewayUrl()));
        out.append(String.format("%n%n  Logs: %s   Stop: Ctrl-C%n", settings.workDirectory().resolve("logs")));
        return out.toString();
    }
}
