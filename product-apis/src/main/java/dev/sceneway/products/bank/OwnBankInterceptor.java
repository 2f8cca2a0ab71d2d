package dev.sceneway.products.bank;

import dev.sceneway.products.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Defence in depth: the gateway routes by bank, but this instance never answers for a {@code {bankId}} other
 * than its own, whatever a controller forgets. Applies to every handler mapped with a {@code {bankId}} path
 * variable; the answer is the same 404 a bank that does not exist gets.
 */
final class OwnBankInterceptor implements HandlerInterceptor {

    static final String BANK_ID_VARIABLE = "bankId";

    private final BankProperties bank;

    OwnBankInterceptor(BankProperties bank) {
        this.bank = bank;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get(BANK_ID_VARIABLE) instanceof String requested
                && !requested.equals(bank.id())) {
            throw ProblemException.notFound("No bank with id '" + requested + "'.");
        }
        return true;
    }
}
