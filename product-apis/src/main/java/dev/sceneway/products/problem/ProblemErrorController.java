package dev.sceneway.products.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC (the security
 * firewall rejecting a path, an exception escaping a filter) become problem+json too, instead of Boot's
 * default error JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemType type = status instanceof Integer code ? ProblemType.forStatus(code) : ProblemType.NOT_FOUND;
        String detail = switch (type) {
            case NOT_FOUND -> "There is no resource at this path.";
            case INTERNAL_ERROR -> ApiExceptionHandler.INTERNAL_ERROR_DETAIL;
            default -> "The request cannot be served as sent.";
        };
        if (type == ProblemType.INTERNAL_ERROR) {
            // CAUTION: logged, never returned.
            log.error("Error outside the MVC layer on {}", path,
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        String instance = path instanceof String original ? original : request.getRequestURI();
        return ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(type.toProblem(detail, instance));
    }
}
