package dev.sceneway.gateway.metering;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Inside Spring Security's filter chain, right after authentication: notes the authenticated partner (the token's
 * {@code client_id}, RFC 9068 §2.2) in the exchange's attributes. The security context lives in the Reactor context
 * of the chain's inner part only; the attributes are shared by every decorator of the exchange, so
 * {@link CallRecordingWebFilter}, outside the chain, reads the partner there, also for a call that authorization
 * then refuses (403).
 */
final class PartnerAttributeWebFilter implements WebFilter {

    /** The exchange attribute holding the authenticated partner's {@code client_id}. */
    static final String PARTNER_ATTRIBUTE = PartnerAttributeWebFilter.class.getName() + ".partner";
    private static final String CLIENT_ID = "client_id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .ofType(JwtAuthenticationToken.class)
                .doOnNext(token -> {
                    String partner = token.getToken().getClaimAsString(CLIENT_ID);
                    if (partner != null) {
                        exchange.getAttributes().put(PARTNER_ATTRIBUTE, partner);
                    }
                })
                .then(Mono.defer(() -> chain.filter(exchange)));
    }
}
