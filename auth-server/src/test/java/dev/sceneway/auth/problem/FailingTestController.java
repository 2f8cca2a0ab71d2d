package dev.sceneway.auth.problem;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoint (component-scanned into the test context) that fails the way a bug would. */
@RestController
class FailingTestController {

    static final String PATH = "/test-only/failure";
    static final String SECRET_MESSAGE = "connection to db-primary.internal:5432 refused";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException(SECRET_MESSAGE);
    }
}
