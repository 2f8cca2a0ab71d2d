package dev.sceneway.products.credit.risk;

import java.math.BigDecimal;
import java.util.List;

/**
 * The bureau's answer about one subject.
 *
 * @param score               0..999, higher is better
 * @param adverseRecords      e.g. {@code DEFAULT}, {@code INSOLVENCY}; empty when the file is clean
 * @param monthlyDebtPayments what the subject already pays per month on other credit
 */
record BureauReport(int score, List<String> adverseRecords, BigDecimal monthlyDebtPayments) {

    BureauReport {
        adverseRecords = List.copyOf(adverseRecords);
    }
}
