/** The bank (tenant) this instance serves: its identity, its database schema, and the guard against answering for another bank. */
@NullMarked
package dev.sceneway.products.bank;

import org.jspecify.annotations.NullMarked;
