package dev.sceneway.products.credit.risk;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The risk adapter: {@code POST {bureau}/v1/credit-reports {"subject": customer, "bank": bankId}} →
 * {@code {"score": 780, "adverseRecords": [], "monthlyDebtPayments": "0.00"}}, then {@link DecisionPolicy}. A bureau
 * that does not answer within the caller's patience, fails, or answers something unreadable gives no decision: the
 * application waits, it is never decided on missing data.
 */
@Component
class BureauCreditRisk implements CreditRisk {

    private static final Logger log = LoggerFactory.getLogger(BureauCreditRisk.class);

    private final BureauProperties properties;
    private final HttpClient http;

    BureauCreditRisk(BureauProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
    }

    @Override
    public Optional<RiskDecision> assess(RiskQuery query, Duration patience) {
        return report(query, patience).map(report -> DecisionPolicy.decide(report, query));
    }

    private Optional<BureauReport> report(RiskQuery query, Duration patience) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(patience);
        try {
            Answer answer = RestClient.builder().requestFactory(requests).baseUrl(properties.url().toString()).build()
                    .post().uri("/v1/credit-reports")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("subject", query.customer(), "bank", query.bankId()))
                    .retrieve()
                    .body(Answer.class);
            if (answer == null || answer.score() == null || answer.adverseRecords() == null
                    || answer.monthlyDebtPayments() == null || answer.score() < 0) {
                log.warn("The credit bureau's answer about an applicant was incomplete; the application waits");
                return Optional.empty();
            }
            return Optional.of(new BureauReport(answer.score(), answer.adverseRecords(),
                    new BigDecimal(answer.monthlyDebtPayments())));
        } catch (RestClientException | NumberFormatException e) {
            log.info("The credit bureau gave no usable answer within {}; the application waits: {}", patience,
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return Optional.empty();
        }
    }

    /** The bureau's JSON (fields may be missing: checked above). */
    record Answer(@Nullable Integer score, @Nullable List<String> adverseRecords,
            @Nullable String monthlyDebtPayments) {
    }
}
