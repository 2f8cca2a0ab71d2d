package dev.sceneway.auth.fapi;

import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.problem.ProblemResponses;
import java.time.Clock;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2DeviceCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenExchangeAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Applies the FAPI 2.0 Security Profile to Spring's authorization server configurer; the security configuration
 * calls one method per endpoint so that this stays in one place. What it turns off: the device and token exchange
 * grants (neither enforced nor needed), Spring's own scope consent step (a consent named by {@code consent_id} is
 * decided on the journey's consent screen instead, see {@link ConsentGate}), and authorization requests that were
 * not pushed.
 */
@Component
public class FapiProfile {

    /** Exactly the grants this server enforces: customer grants with refresh, and partner-level client_credentials. */
    public static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

    private final FapiProperties properties;
    private final Clock clock;
    private final OAuth2AuthorizationService authorizations;
    private final AuthorizationResponses responses;
    private final PushedRequests pushedRequests;
    private final ConsentRequestCheck consentCheck;

    FapiProfile(FapiProperties properties, AuthProperties auth, Clock clock, OAuth2AuthorizationService authorizations,
            ProblemResponses problems, PushedRequests pushedRequests, CustomerConsents consents) {
        this.properties = properties;
        this.clock = clock;
        this.authorizations = authorizations;
        this.responses = new AuthorizationResponses(auth.issuer(), problems);
        this.pushedRequests = pushedRequests;
        this.consentCheck = new ConsentRequestCheck(consents);
    }

    /** PAR endpoint on, authorization endpoint only for pushed requests, short codes, {@code iss} in responses. */
    public void authorizationFlow(OAuth2AuthorizationServerConfigurer server) {
        server.pushedAuthorizationRequestEndpoint(par -> par
                .pushedAuthorizationRequestConverters(converters -> converters.replaceAll(DpopPushedRequestBinding::new))
                .authenticationProviders(providers -> providers.forEach(provider -> {
                    if (provider instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider pushed) {
                        pushed.setAuthenticationValidator(new PushedRequestValidator(consentCheck));
                    }
                })));
        server.authorizationEndpoint(authorize -> authorize
                .authorizationRequestConverters(converters -> converters.replaceAll(
                        converter -> new ConsentGate(new PushedRequestOnlyConverter(converter, clock, authorizations),
                                pushedRequests, consentCheck)))
                .authenticationProviders(providers -> providers.forEach(provider -> {
                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                        codes.setAuthorizationCodeGenerator(
                                new ShortLivedCodeGenerator(properties.authorizationCodeTtl(), clock));
                        codes.setAuthorizationConsentRequired(context -> false);
                    }
                }))
                .authorizationResponseHandler(responses)
                .errorResponseHandler(responses));
    }

    /** Token endpoint converters: the DPoP policy first; no device or token exchange grants. */
    public void tokenRequestConverters(List<AuthenticationConverter> converters) {
        converters.removeIf(converter -> converter instanceof OAuth2DeviceCodeAuthenticationConverter
                || converter instanceof OAuth2TokenExchangeAuthenticationConverter);
        converters.addFirst(new DpopTokenRequestPolicy(properties.requireDpopForClientCredentials()));
    }

    /** Token endpoint providers: no device or token exchange grants; codes bound to PAR's {@code dpop_jkt}. */
    public void tokenProviders(List<AuthenticationProvider> providers) {
        providers.removeIf(provider -> provider instanceof OAuth2DeviceCodeAuthenticationProvider
                || provider instanceof OAuth2TokenExchangeAuthenticationProvider);
        providers.replaceAll(provider -> provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
                ? new DpopJktBinding(provider, authorizations) : provider);
    }

    /**
     * RFC 8414 metadata naming exactly what is enforced (FAPI 2.0 section 5.3.1.1): grants, response types, PKCE,
     * DPoP, PAR, iss. The client authentication members come from {@code ClientAuthenticationSetup#advertise}, the
     * same object that enforces them.
     */
    public void metadata(OAuth2AuthorizationServerMetadata.Builder metadata) {
        metadata.grantTypes(grants -> {
            grants.clear();
            grants.addAll(GRANT_TYPES);
        }).responseTypes(types -> {
            types.clear();
            types.add("code");
        }).codeChallengeMethods(methods -> {
            methods.clear();
            methods.add("S256");
        }).dPoPSigningAlgorithms(algorithms -> {
            algorithms.clear();
            algorithms.addAll(DpopTokenRequestPolicy.ALGORITHMS);
        }).claims(claims -> {
            // Spring advertises mTLS-bound tokens by default; this server binds tokens with DPoP only.
            claims.remove("tls_client_certificate_bound_access_tokens");
            claims.put("require_pushed_authorization_requests", true);
            claims.put("authorization_response_iss_parameter_supported", true);
        });
    }
}
