package dev.sceneway.products.credit.catalogue;

/** How an instalment loan is repaid. The names are stored in the database and shown in the API as they are. */
public enum RepaymentMethod {
    /** Equal instalments of principal plus interest (French amortisation). */
    ANNUITY,
    /** Equal principal parts; interest, and so the instalment, falls over time. */
    EQUAL_PRINCIPAL
}
