package dev.sceneway.gateway.readlane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/banks/lakeside/credit/products", "/v1/banks/lakeside/accounts/LS-ALICE-CUR/balances",
            "/v1/banks/a/b.c/d_e~f-g"})
    void plainPathWhenOnlyUnreservedSegmentsThenTheLaneTakesIt(String path) {
        assertThat(LaneRequest.plainPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/banks/lakeside/credit/products/", "/v1/banks//lakeside", "/v1/banks/./x",
            "/v1/banks/lakeside/../harbour/x", "/v1/banks/lakeside/..", "/v1/banks/x%2Fy", "/v1/banks/x;jsessionid=1",
            "/v1/banks/x\\y", "v1/banks/x", ""})
    void plainPathWhenFirewallWouldJudgeOrNormaliseThenLeftToTheFilterChain(String path) {
        assertThat(LaneRequest.plainPath(path)).isFalse();
    }

    @Test
    void plainQueryWhenPercentEncodedThenLeftToTheFilterChain() {
        assertThat(LaneRequest.plainQuery("amount=3000.00&currency=EUR&termMonths=6")).isTrue();
        assertThat(LaneRequest.plainQuery("from=2026-01-01T00:00:00Z&cursor=ab+c/d")).isTrue();
        assertThat(LaneRequest.plainQuery("note=%41")).isFalse();
        assertThat(LaneRequest.plainQuery("a=<script>")).isFalse();
    }

    @Test
    void hostAndPortWhenHostHeaderNamesNoPortThenTheSchemesDefault() {
        assertThat(UpstreamHeaders.HostAndPort.parse("api.example.com", "https"))
                .isEqualTo(new UpstreamHeaders.HostAndPort("api.example.com", 443, true));
        assertThat(UpstreamHeaders.HostAndPort.parse("127.0.0.1:8080", "http").withoutDefaultPort())
                .isEqualTo("127.0.0.1:8080");
        assertThat(UpstreamHeaders.HostAndPort.parse("[::1]:80", "http"))
                .isEqualTo(new UpstreamHeaders.HostAndPort("[::1]", 80, true));
        assertThat(UpstreamHeaders.HostAndPort.parse("[::1]", "http").host()).isEqualTo("[::1]");
    }
}
