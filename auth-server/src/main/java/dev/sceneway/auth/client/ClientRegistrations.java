package dev.sceneway.auth.client;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, reads and changes partner apps for the admin API and dynamic client registration, and holds the rules
 * a partner app must follow: confidential, {@code private_key_jwt} with its keys by value or by a public
 * {@code https} jwks_uri (client secrets only in the sandbox), known grant types and scopes, public redirect and
 * webhook URLs (see {@link PublicUrlGuard}).
 */
public final class ClientRegistrations {

    static final Set<String> GRANT_TYPES = Set.of("client_credentials", "authorization_code", "refresh_token");
    static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");
    static final Set<String> SIGNING_ALGS = Set.of("PS256", "ES256");
    private static final Pattern BANK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_NAME = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PartnerClientRepository clients;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transactions;
    private final PublicUrlGuard urls;
    private final boolean sandbox;

    public ClientRegistrations(PartnerClientRepository clients, PasswordEncoder passwordEncoder,
            TransactionTemplate transactions, PublicUrlGuard urls, boolean sandbox) {
        this.clients = clients;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
        this.urls = urls;
        this.sandbox = sandbox;
    }

    /** Registers a new partner app; the response carries a generated client secret only for a secret client. */
    public RegisteredPartner create(ClientMetadata metadata, @Nullable String softwareId) {
        check(metadata);
        String secret = SECRET_METHODS.contains(metadata.tokenEndpointAuthMethod()) ? randomToken(32) : null;
        RegisteredClient client = toClient(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(randomToken(16))
                .clientIdIssuedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .clientSecret(secret == null ? null : passwordEncoder.encode(secret)), metadata);
        PartnerClient partner = new PartnerClient(client.getClientId(), metadata.banks(), metadata.jwks(),
                metadata.webhookUri(), softwareId, PartnerClient.Status.ACTIVE);
        try {
            transactions.executeWithoutResult(status -> {
                if (softwareId != null && clients.softwareIdTaken(softwareId)) {
                    throw softwareIdTaken(softwareId);
                }
                clients.save(client);
                clients.savePartner(partner);
            });
        } catch (DuplicateKeyException raceOnSoftwareId) {
            throw softwareIdTaken(String.valueOf(softwareId));
        }
        return view(client, partner, secret);
    }

    public Optional<RegisteredPartner> find(String clientId) {
        return clients.findIncludingDisabled(clientId).map(client -> view(client,
                clients.partner(clientId).orElse(defaultPartner(clientId)), null));
    }

    /** Replaces the metadata of an existing app; its id, secret, software id and status stay. */
    public Optional<RegisteredPartner> update(String clientId, ClientMetadata metadata) {
        check(metadata);
        return transactions.execute(status -> {
            Optional<RegisteredClient> existing = clients.findIncludingDisabled(clientId);
            if (existing.isEmpty()) {
                return Optional.<RegisteredPartner>empty();
            }
            RegisteredClient old = existing.get();
            boolean secretMethod = SECRET_METHODS.contains(metadata.tokenEndpointAuthMethod());
            String newSecret = secretMethod && old.getClientSecret() == null ? randomToken(32) : null;
            String secretHash = !secretMethod ? null
                    : newSecret != null ? passwordEncoder.encode(newSecret) : old.getClientSecret();
            RegisteredClient client = toClient(RegisteredClient.withId(old.getId()).clientId(clientId)
                    .clientIdIssuedAt(old.getClientIdIssuedAt()).clientSecret(secretHash), metadata);
            PartnerClient current = clients.partner(clientId).orElse(defaultPartner(clientId));
            PartnerClient partner = new PartnerClient(clientId, metadata.banks(), metadata.jwks(),
                    metadata.webhookUri(), current.softwareId(), current.status());
            clients.save(client);
            clients.savePartner(partner);
            return Optional.of(view(client, partner, newSecret));
        });
    }

    public Optional<RegisteredPartner> setBanks(String clientId, List<String> banks) {
        return find(clientId).flatMap(app -> update(clientId, app.metadata().withBanks(banks)));
    }

    public Optional<RegisteredPartner> setKeys(String clientId, @Nullable String jwks, @Nullable String jwksUri) {
        return find(clientId).flatMap(app -> update(clientId, app.metadata().withKeys(jwks, jwksUri)));
    }

    public Optional<RegisteredPartner> setStatus(String clientId, PartnerClient.Status status) {
        return transactions.execute(tx -> {
            if (clients.findIncludingDisabled(clientId).isEmpty()) {
                return Optional.<RegisteredPartner>empty();
            }
            PartnerClient current = clients.partner(clientId).orElse(defaultPartner(clientId));
            clients.savePartner(new PartnerClient(clientId, current.banks(), current.jwks(), current.webhookUrl(),
                    current.softwareId(), status));
            return find(clientId);
        });
    }

    /** Every rule a partner app's metadata must follow; throws the first one broken. */
    void check(ClientMetadata m) {
        if (m.clientName() == null || m.clientName().isBlank() || m.clientName().length() > MAX_NAME) {
            throw ClientMetadataException.invalid("client_name is required, at most " + MAX_NAME + " characters");
        }
        checkAuthentication(m);
        if (!GRANT_TYPES.containsAll(m.grantTypes())) {
            throw ClientMetadataException.invalid("grant_types may only hold " + GRANT_TYPES);
        }
        boolean codeFlow = m.grantTypes().contains("authorization_code");
        if (m.grantTypes().contains("refresh_token") && !codeFlow) {
            throw ClientMetadataException.invalid("refresh_token needs the authorization_code grant type");
        }
        if (codeFlow == m.redirectUris().isEmpty()) {
            throw new ClientMetadataException(ClientMetadataException.INVALID_REDIRECT_URI, codeFlow
                    ? "redirect_uris is required with the authorization_code grant type"
                    : "redirect_uris is only allowed with the authorization_code grant type");
        }
        for (String redirect : m.redirectUris()) {
            urls.problemWith("redirect_uri", redirect).ifPresent(problem -> {
                throw new ClientMetadataException(ClientMetadataException.INVALID_REDIRECT_URI, problem);
            });
        }
        if (m.scopes().isEmpty() || !Scopes.ALL.containsAll(m.scopes())) {
            throw ClientMetadataException.invalid("scope is required and may only hold " + Scopes.ALL_AS_TEXT);
        }
        if (m.webhookUri() != null) {
            urls.problemWith("webhook_uri", m.webhookUri()).ifPresent(problem -> {
                throw ClientMetadataException.invalid(problem);
            });
        }
        for (String bank : m.banks()) {
            if (!BANK_ID.matcher(bank).matches()) {
                throw ClientMetadataException.invalid("banks must hold bank ids (lower-case letters, digits, "
                        + "hyphens); '" + bank + "' is not one");
            }
        }
    }

    private void checkAuthentication(ClientMetadata m) {
        String method = m.tokenEndpointAuthMethod();
        boolean secret = SECRET_METHODS.contains(method);
        if (!method.equals(ClientMetadata.PRIVATE_KEY_JWT) && !(secret && sandbox)) {
            throw ClientMetadataException.invalid("token_endpoint_auth_method must be private_key_jwt"
                    + (sandbox ? ", client_secret_basic or client_secret_post" : "") + "; " + method
                    + " is not accepted here");
        }
        if (m.tokenEndpointAuthSigningAlg() != null && !SIGNING_ALGS.contains(m.tokenEndpointAuthSigningAlg())) {
            throw ClientMetadataException.invalid("token_endpoint_auth_signing_alg must be PS256 or ES256");
        }
        if (secret) {
            if (m.jwks() != null || m.jwksUri() != null) {
                throw ClientMetadataException.invalid("a client_secret client has no jwks or jwks_uri");
            }
            return;
        }
        if ((m.jwks() == null) == (m.jwksUri() == null)) {
            throw ClientMetadataException.invalid("private_key_jwt needs exactly one of jwks and jwks_uri");
        }
        if (m.jwks() != null) {
            ClientKeys.problemWith(m.jwks()).ifPresent(problem -> {
                throw ClientMetadataException.invalid(problem);
            });
        } else {
            urls.problemWith("jwks_uri", m.jwksUri()).ifPresent(problem -> {
                throw ClientMetadataException.invalid(problem);
            });
        }
    }

    private static RegisteredClient toClient(RegisteredClient.Builder builder, ClientMetadata m) {
        ClientSettings.Builder settings = ClientSettings.builder().requireProofKey(true);
        if (m.jwksUri() != null) {
            settings.jwkSetUrl(m.jwksUri());
        }
        if (m.tokenEndpointAuthSigningAlg() != null) {
            settings.tokenEndpointAuthenticationSigningAlgorithm(
                    SignatureAlgorithm.from(m.tokenEndpointAuthSigningAlg()));
        }
        return builder.clientName(m.clientName())
                .clientAuthenticationMethod(new ClientAuthenticationMethod(m.tokenEndpointAuthMethod()))
                .authorizationGrantTypes(grants -> m.grantTypes()
                        .forEach(grant -> grants.add(new AuthorizationGrantType(grant))))
                .redirectUris(uris -> uris.addAll(m.redirectUris()))
                .scopes(scopes -> scopes.addAll(m.scopes()))
                .clientSettings(settings.build())
                .build();
    }

    private static RegisteredPartner view(RegisteredClient client, PartnerClient partner, @Nullable String secret) {
        ClientSettings settings = client.getClientSettings();
        ClientMetadata metadata = new ClientMetadata(client.getClientName(),
                client.getClientAuthenticationMethods().iterator().next().getValue(),
                client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList(),
                client.getRedirectUris().stream().sorted().toList(),
                client.getScopes().stream().sorted().toList(), partner.jwks(), settings.getJwkSetUrl(),
                settings.getTokenEndpointAuthenticationSigningAlgorithm() == null ? null
                        : settings.getTokenEndpointAuthenticationSigningAlgorithm().getName(),
                partner.webhookUrl(), partner.banks());
        Instant issuedAt = client.getClientIdIssuedAt() == null ? Instant.EPOCH : client.getClientIdIssuedAt();
        return new RegisteredPartner(client.getClientId(), issuedAt, metadata, partner.softwareId(),
                partner.status(), secret);
    }

    private static ClientMetadataException softwareIdTaken(String softwareId) {
        return ClientMetadataException.invalid("software_id " + softwareId + " is already registered");
    }

    private static PartnerClient defaultPartner(String clientId) {
        return new PartnerClient(clientId, List.of(), null, null, null, PartnerClient.Status.ACTIVE);
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
