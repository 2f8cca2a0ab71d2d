package dev.sceneway.auth.problem;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoint (component-scanned into the test context) that fails the way a bug would. */
@RestController
class FailingTestController {

    static final String PATH = "/test-only/failure";
    static final String SECRET_MESSAGE = "connection to db-primary.internal:5432 refused";

    static final String ECHO_PATH = "/test-only/echo";

    record Greeting(String text) {
    }

    /** An endpoint that reads JSON and has no exception handler of its own. */
    @PostMapping(ECHO_PATH)
    Greeting echo(@RequestBody Greeting greeting) {
        return greeting;
    }

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException(SECRET_MESSAGE);
    }
}
