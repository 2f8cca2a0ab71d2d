/**
 * Credit risk: the port the application flow asks for a decision ({@link dev.sceneway.products.credit.risk.CreditRisk})
 * and its adapter, which reads the customer's file at a credit bureau over HTTP and applies the bank's
 * {@link dev.sceneway.products.credit.risk.DecisionPolicy}. In the sandbox the bureau is a simulated outside system
 * whose test personas decide deterministically.
 */
@NullMarked
package dev.sceneway.products.credit.risk;

import org.jspecify.annotations.NullMarked;
