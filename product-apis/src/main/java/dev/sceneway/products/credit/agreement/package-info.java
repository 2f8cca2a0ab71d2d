/**
 * Credit agreements: accepting an approved offer signs the agreement and pays the merchant (at once, or in tranches
 * released at milestones from an escrow account), then servicing: the schedule with due dates, instalment
 * collection, early repayment and withdrawal. Every money movement is one balanced ledger transaction in the same
 * database transaction as the state change it belongs to, under the agreement's row lock; illegal transitions are
 * {@code credit-state-conflict}. States: active → repaid | withdrawn.
 */
@NullMarked
package dev.sceneway.products.credit.agreement;

import org.jspecify.annotations.NullMarked;
