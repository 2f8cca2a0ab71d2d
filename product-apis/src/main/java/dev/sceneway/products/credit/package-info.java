/**
 * Consumer credit: the catalogue and quotes (partner-level), and the customer's application, decision, agreement
 * and its servicing (under a credit consent). {@link dev.sceneway.products.credit.CreditProperties} is the bank's
 * credit configuration shared by the sub-packages.
 */
@NullMarked
package dev.sceneway.products.credit;

import org.jspecify.annotations.NullMarked;
