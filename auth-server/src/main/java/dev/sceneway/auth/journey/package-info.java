/**
 * The customer journey after login: the consent screen and the consent dashboard.
 *
 * <h2>How the consent screen is wired into the authorization endpoint</h2>
 * Spring's own consent step ({@code authorizationEndpoint.consentPage}, {@code OAuth2AuthorizationConsentAuthenticationProvider})
 * decides on OAuth scopes and remembers the decision per client and customer, posting the decision back to the
 * authorization endpoint with only the consent {@code state} as protection. Sceneway consents are different: each is
 * a resource of its own (accounts picked, payment terms, a lifecycle), decided once, and owned by
 * {@link dev.sceneway.auth.consent.CustomerConsents}. So Spring's step stays off and the decision happens here:
 * <ol>
 * <li>PAR: {@code consent_id} must name an AwaitingAuthorisation consent of this client, and the scope must include
 *     the type's scope ({@code fapi.PushedRequestValidator}).
 * <li>The authorization endpoint asks {@code fapi.ConsentGate} (a wrapper of Spring's code request provider): before
 *     login it lets Spring send the customer to log in (password, then one-time code); after login it sends the
 *     browser here ({@code /consent?client_id&request_uri}) instead of issuing a code.
 * <li>{@link ConsentPage}: a CSRF-protected form. Allow → {@code authorise(accounts)}; Deny → {@code reject}. The
 *     decision is recorded on the pushed request itself ({@code PushedRequests#recordDecision}, in the database) and
 *     the browser goes back to the authorization endpoint.
 * <li>The gate again: Authorised by this customer on this very request → Spring issues the code (and removes the
 *     pushed request: single use); Rejected → {@code access_denied} to the partner's redirect URI; anything else
 *     (decided on another request, revoked, expired) → {@code invalid_request}.
 * <li>Token endpoint: {@code token.ConsentClaims} adds {@code consent_id} and {@code consent} from the live consent at
 *     each issuance, and refuses the grant ({@code invalid_grant}) once it is no longer Authorised.
 * </ol>
 * Only the decision's outcome crosses the authorization endpoint, as an ordinary GET with the request_uri; a consent
 * is never approved by a request that does not carry this session's CSRF token.
 */
@NullMarked
package dev.sceneway.auth.journey;

import org.jspecify.annotations.NullMarked;
