package dev.sceneway.gateway.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The gateway's console format ({@code logging.structured.format.console}): Boot's Elastic Common Schema for every
 * event, with the access log's line (one per call) written by {@link AccessLogLine} in the same bytes at a fraction
 * of the cost. While {@code logging.structured.json.*} or a registered members customizer reshapes the JSON
 * (include, exclude, rename, add...), Boot writes the access lines too, so that every line follows those settings;
 * so it does for a console charset that is not ASCII-compatible.
 */
public final class GatewayLogFormat implements StructuredLogFormatter<ILoggingEvent> {

    private static final Set<Charset> ASCII_SUPERSETS =
            Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1);

    private final StructuredLogEncoder ecs;
    private final @Nullable AccessLogLine access;

    /** Instantiated by Boot's logging system, which passes the environment. */
    public GatewayLogFormat(Environment environment) {
        if (!(LoggerFactory.getILoggerFactory() instanceof Context context)) {
            throw new IllegalStateException("GatewayLogFormat formats Logback events; SLF4J is bound to "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        }
        this.ecs = new StructuredLogEncoder();
        ecs.setFormat("ecs");
        ecs.setContext(context);
        ecs.start();
        this.access = reshaped(environment) ? null : new AccessLogLine(environment);
    }

    /**
     * Whether Boot would write lines of another shape than its plain ECS: {@code logging.structured.json.*} is set,
     * or a jar registers a JSON members customizer in {@code META-INF/spring.factories}.
     */
    private static boolean reshaped(Environment environment) {
        boolean configured = Binder.get(environment)
                .bind("logging.structured.json", Bindable.mapOf(String.class, Object.class))
                .map(Map::isEmpty).map(empty -> !empty).orElse(false);
        return configured || !SpringFactoriesLoader.loadFactoryNames(StructuredLoggingJsonMembersCustomizer.class,
                GatewayLogFormat.class.getClassLoader()).isEmpty();
    }

    @Override
    public String format(ILoggingEvent event) {
        return new String(formatAsBytes(event, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        // The direct line is ASCII: its bytes are right in any charset that encodes ASCII as itself.
        byte[] line = access == null || !ASCII_SUPERSETS.contains(charset) ? null : access.write(event);
        if (line != null) {
            return line;
        }
        byte[] utf8 = ecs.encode(event);
        return StandardCharsets.UTF_8.equals(charset) ? utf8 : new String(utf8, StandardCharsets.UTF_8).getBytes(charset);
    }
}
