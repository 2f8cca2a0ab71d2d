package dev.sceneway.auth.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page (whose JSON is not problem+json) for errors raised outside Spring MVC, e.g.
 * {@code sendError} from a filter or the servlet container.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        // Requested directly (no error dispatch): there is nothing at /error.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri
                : request.getRequestURI();
        ProblemType type = ProblemType.forStatus(status);
        if (type == ProblemType.INTERNAL_ERROR) {
            Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("{} failed with status {}", path, status, cause instanceof Throwable t ? t : null);
        }
        return ProblemResponses.entity(Problem.of(type, path), HttpHeaders.EMPTY);
    }
}
