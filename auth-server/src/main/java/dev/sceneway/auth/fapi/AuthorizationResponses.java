package dev.sceneway.auth.fapi;

import dev.sceneway.auth.problem.Problem;
import dev.sceneway.auth.problem.ProblemResponses;
import dev.sceneway.auth.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answers. Success and errors for a verified redirect URI go back to the client with
 * {@code iss} (RFC 9207, FAPI 2.0 section 5.3.2.2 item 6) so that the client can tell which server answered; an
 * error without a verified redirect URI (no PAR, unknown client or request_uri) is shown as a
 * {@code bad-request} problem and never redirected. A customer who has yet to decide on the request's consent is
 * sent to the consent screen ({@link ConsentScreenRequired}).
 */
final class AuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String ISS = "iss";


    private final String issuer;
    private final ProblemResponses problems;

    AuthorizationResponses(String issuer, ProblemResponses problems) {
        this.issuer = issuer;
        this.problems = problems;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken result =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        if (result.getRedirectUri() == null || result.getAuthorizationCode() == null) {
            throw new IllegalStateException("an authorization response needs a redirect URI and a code");
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(result.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, encode(result.getAuthorizationCode().getTokenValue()));
        redirect(response, target, result.getState());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (exception instanceof ConsentScreenRequired consent) {
            response.sendRedirect(UriComponentsBuilder.fromPath(request.getContextPath() + PushedRequests.CONSENT_PAGE)
                    .queryParam(OAuth2ParameterNames.CLIENT_ID, encode(consent.clientId()))
                    .queryParam(OAuth2ParameterNames.REQUEST_URI, encode(consent.requestUri()))
                    .build(true).toUriString());
            return;
        }
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error("invalid_request");
        OAuth2AuthorizationCodeRequestAuthenticationToken echoed =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
                        ? codeRequest.getAuthorizationCodeRequestAuthentication() : null;
        if (echoed == null || !StringUtils.hasText(echoed.getRedirectUri())) {
            String description = StringUtils.hasText(error.getDescription()) ? ": " + error.getDescription() : "";
            problems.write(Problem.of(ProblemType.BAD_REQUEST, "The authorization request was refused ("
                    + error.getErrorCode() + ")" + description + ".", request.getRequestURI()), response);
            return;
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(echoed.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, encode(error.getErrorCode()));
        if (StringUtils.hasText(error.getDescription())) {
            target.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
        }
        redirect(response, target, echoed.getState());
    }

    private void redirect(HttpServletResponse response, UriComponentsBuilder target, String state)
            throws IOException {
        if (StringUtils.hasText(state)) {
            target.queryParam(OAuth2ParameterNames.STATE, encode(state));
        }
        target.queryParam(ISS, encode(issuer));
        // build(true): every component above is already encoded.
        response.sendRedirect(target.build(true).toUriString());
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
