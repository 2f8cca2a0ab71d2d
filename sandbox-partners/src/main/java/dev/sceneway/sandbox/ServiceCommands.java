package dev.sceneway.sandbox;

import dev.sceneway.infra.PostgresServer;
import dev.sceneway.infra.RedisServerHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/** The command-line configuration of each service in the sandbox: the one place that wires them together. */
final class ServiceCommands {

    static final String AUTH_SERVER = "auth-server";
    static final String GATEWAY = "gateway";
    /** Further gateway replicas are named {@code gateway-<n>}: same configuration, same Redis, other ports. */
    static final String GATEWAY_REPLICA = "gateway-";
    private static final String PRODUCT_APIS = "product-apis-";

    private final SandboxSettings settings;
    private final PostgresServer postgres;
    private final RedisServerHandle redis;
    private final Map<String, SandboxSettings.Ports> replicaPorts;

    ServiceCommands(SandboxSettings settings, PostgresServer postgres, RedisServerHandle redis) {
        this(settings, postgres, redis, Map.of());
    }

    ServiceCommands(SandboxSettings settings, PostgresServer postgres, RedisServerHandle redis,
            Map<String, SandboxSettings.Ports> replicaPorts) {
        this.settings = settings;
        this.postgres = postgres;
        this.redis = redis;
        this.replicaPorts = Map.copyOf(replicaPorts);
    }

    static String productApis(String bankId) {
        return PRODUCT_APIS + bankId;
    }

    String module(String service) {
        if (service.startsWith(PRODUCT_APIS)) {
            return "product-apis";
        }
        return service.startsWith(GATEWAY_REPLICA) ? GATEWAY : service;
    }

    int managementPort(String service) {
        return ports(service).management();
    }

    List<String> arguments(String service) {
        List<String> args = new ArrayList<>();
        SandboxSettings.Ports ports = ports(service);
        args.add("--server.port=" + ports.server());
        args.add("--management.server.port=" + ports.management());
        args.add("--spring.profiles.active=sandbox");
        if (service.equals(AUTH_SERVER)) {
            database(args, "auth");
            args.add("--sceneway.auth.issuer=" + settings.issuer());
            // The client assertion replay cache (private_key_jwt).
            args.add("--spring.data.redis.host=" + redis.host());
            args.add("--spring.data.redis.port=" + redis.port());
        } else if (service.equals(GATEWAY) || service.startsWith(GATEWAY_REPLICA)) {
            // Tenancy: banks, routes and partner plans (the banks below are seeded into it at startup).
            database(args, "gateway");
            args.add("--spring.data.redis.host=" + redis.host());
            args.add("--spring.data.redis.port=" + redis.port());
            args.add("--sceneway.gateway.issuer=" + settings.issuer());
            args.add("--sceneway.gateway.jwk-set-uri=" + jwkSetUri());
            // The consents API is auth-server's; the gateway routes /v1/banks/{bankId}/consents/** there.
            args.add("--sceneway.gateway.consents.uri=http://127.0.0.1:" + settings.auth().server());
            for (SandboxSettings.Bank bank : settings.banks()) {
                args.add("--sceneway.gateway.banks." + bank.id() + ".uri=http://127.0.0.1:" + bank.ports().server());
            }
        } else {
            SandboxSettings.Bank bank = bank(service);
            database(args, "products");
            args.add("--sceneway.bank.id=" + bank.id());
            args.add("--sceneway.bank.name=" + bank.name());
            args.add("--sceneway.security.issuer=" + settings.issuer());
            args.add("--sceneway.security.jwk-set-uri=" + jwkSetUri());
            // Credit applications are decided with reports of the simulated bureau the sandbox runs.
            args.add("--sceneway.credit.bureau.url=" + settings.bureauUrl());
            // Payment consents used here are reported to auth-server on a Redis stream.
            args.add("--spring.data.redis.host=" + redis.host());
            args.add("--spring.data.redis.port=" + redis.port());
        }
        return args;
    }

    private void database(List<String> args, String purpose) {
        args.add("--spring.datasource.url=" + postgres.jdbcUrl(settings.database(purpose)));
        args.add("--spring.datasource.username=" + postgres.username());
        args.add("--spring.datasource.password=" + postgres.password());
        // Four services share one small PostgreSQL here; Hikari's default of 10 each would be 40 idle backends.
        args.add("--spring.datasource.hikari.maximum-pool-size=4");
    }

    private String jwkSetUri() {
        return settings.issuer() + "/oauth2/jwks";
    }

    private SandboxSettings.Ports ports(String service) {
        return switch (service) {
            case AUTH_SERVER -> settings.auth();
            case GATEWAY -> settings.gateway();
            default -> service.startsWith(GATEWAY_REPLICA)
                    ? Objects.requireNonNull(replicaPorts.get(service), "no ports for " + service)
                    : bank(service).ports();
        };
    }

    private SandboxSettings.Bank bank(String service) {
        String id = service.substring(PRODUCT_APIS.length());
        return settings.banks().stream().filter(bank -> bank.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no bank " + id + " in the sandbox"));
    }
}
