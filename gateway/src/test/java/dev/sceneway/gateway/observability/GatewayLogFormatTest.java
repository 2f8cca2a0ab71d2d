package dev.sceneway.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sceneway.gateway.metering.CallRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The gateway's console format writes every line exactly as Boot's ECS format does: the access lines it writes
 * itself byte for byte, and everything else through Boot.
 */
class GatewayLogFormatTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger accessLogger = context.getLogger(AccessLog.LOGGER);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Object environmentBefore;
    private Level levelBefore;

    @BeforeEach
    void captureTheAccessLog() {
        environmentBefore = context.getObject(Environment.class.getName());
        levelBefore = accessLogger.getLevel();
        accessLogger.setLevel(Level.INFO);
        captured.setContext(context);
        captured.start();
        accessLogger.addAppender(captured);
    }

    @AfterEach
    void restore() {
        accessLogger.detachAppender(captured);
        accessLogger.setLevel(levelBefore);
        if (environmentBefore == null) {
            context.removeObject(Environment.class.getName());
        } else {
            context.putObject(Environment.class.getName(), environmentBefore);
        }
        MDC.clear();
    }

    @Test
    void writesAccessLinesInTheSameBytesAsBootsEcsFormat() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "gateway")
                .withProperty("spring.application.pid", "4242");
        List<ILoggingEvent> events = List.of(
                access("bench-partner", 200, 512, "listCreditProducts"),
                access("anonymous", 401, 0, "GET /v1/banks/{bankId}/credit/products"),
                access("p\"quoted\\slash/", 503, 12_000_000, "getAgreement"),
                access("bench-partner", 429, 1, "listCreditProducts"),
                access("bench-partner", 499, 123_456_789_012L, "listCreditProducts"));

        GatewayLogFormat format = format(environment);
        StructuredLogEncoder boot = bootEcs(environment);
        AccessLogLine direct = new AccessLogLine(environment);
        for (ILoggingEvent event : events) {
            assertThat(direct.write(event)).as("written directly").isNotNull();
            assertThat(format.format(event)).isEqualTo(utf8(boot.encode(event)));
        }
        // A console charset that does not encode ASCII as itself gets Boot's line, in that charset.
        assertThat(format.formatAsBytes(events.getFirst(), StandardCharsets.UTF_16))
                .isEqualTo(utf8(boot.encode(events.getFirst())).getBytes(StandardCharsets.UTF_16));
        assertThat(format.format(events.getFirst()))
                .contains("\"message\":\"GET listCreditProducts on bank-lakeside -> 200 in 0.512 ms")
                .contains("\"sceneway\":{\"route\":\"bank-lakeside\",\"operation\":\"listCreditProducts\"");
    }

    @Test
    void writesTheServiceAndProcessMembersAsBootDoesForEveryEnvironment() {
        List<MockEnvironment> environments = List.of(new MockEnvironment(),
                new MockEnvironment().withProperty("spring.application.name", "gateway"),
                new MockEnvironment().withProperty("spring.application.name", "gateway")
                        .withProperty("spring.application.version", "1.4.2")
                        .withProperty("spring.application.pid", "7")
                        .withProperty("logging.structured.ecs.service.environment", "prod")
                        .withProperty("logging.structured.ecs.service.node-name", "gateway-0"));
        for (MockEnvironment environment : environments) {
            ILoggingEvent event = access("bench-partner", 200, 2_500, "listCreditProducts");
            assertThat(new AccessLogLine(environment).write(event)).as("written directly").isNotNull();
            assertThat(format(environment).format(event)).isEqualTo(utf8(bootEcs(environment).encode(event)));
        }
    }

    @Test
    void leavesToBootEveryLineItDoesNotWriteExactly() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "gateway");
        GatewayLogFormat format = format(environment);
        StructuredLogEncoder boot = bootEcs(environment);

        ILoggingEvent unicodePartner = access("partenaire-é\n", 200, 700, "listCreditProducts");
        MDC.put("traceId", "4bf92f3577b34da6");
        ILoggingEvent withMdc = access("bench-partner", 200, 700, "listCreditProducts");
        withMdc.getMDCPropertyMap();
        MDC.clear();
        LoggingEvent other = new LoggingEvent(getClass().getName(), context.getLogger("sceneway.gateway.other"),
                Level.WARN, "Rate limiter unavailable for {}", new IllegalStateException("boom"),
                new Object[] {"bench-partner"});
        other.addKeyValuePair(new KeyValuePair("sceneway.partner", "bench-partner"));

        for (ILoggingEvent event : List.of(unicodePartner, withMdc, other)) {
            assertThat(new AccessLogLine(environment).write(event)).as("left to Boot").isNull();
            assertThat(format.format(event)).isEqualTo(utf8(boot.encode(event)));
        }
        assertThat(format.format(withMdc)).contains("\"traceId\":\"4bf92f3577b34da6\"");
        assertThat(format.format(unicodePartner)).contains("partenaire-é\\n");
        assertThat(format.formatAsBytes(unicodePartner, StandardCharsets.ISO_8859_1))
                .isEqualTo(utf8(boot.encode(unicodePartner)).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void followsTheStructuredJsonSettingsForAccessLinesToo() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "gateway")
                .withProperty("logging.structured.json.exclude", "sceneway.partner");
        ILoggingEvent event = access("bench-partner", 200, 700, "listCreditProducts");

        String line = format(environment).format(event);

        assertThat(line).isEqualTo(utf8(bootEcs(environment).encode(event)));
        assertThat(line).contains("\"route\":\"bank-lakeside\"").doesNotContain("\"partner\":");
    }

    /** The event {@link AccessLog} logs for such a call. */
    private ILoggingEvent access(String partner, int status, long latencyMicros, String operation) {
        captured.list.clear();
        new AccessLog().observe(new CallRecord(Instant.parse("2026-12-07T05:30:00.123456789Z"), partner, "lakeside",
                "credit", operation, "bank-lakeside", "GET", status, latencyMicros,
                "2f7c1e0a-6f0e-4c39-9a53-1b1e3c0f6a11"));
        assertThat(captured.list).hasSize(1);
        return captured.list.getFirst();
    }

    private GatewayLogFormat format(Environment environment) {
        context.putObject(Environment.class.getName(), environment);
        return new GatewayLogFormat(environment);
    }

    private StructuredLogEncoder bootEcs(Environment environment) {
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
