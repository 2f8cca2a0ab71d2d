/** The bank's catalogue of instalment-loan products. */
@NullMarked
package dev.sceneway.products.credit.catalogue;

import org.jspecify.annotations.NullMarked;
