import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples fall, with the JDK only: {@code java bench/tools/JfrTop.java <file.jfr> [top]}.
 * Prints the methods most often on top of the stack (self), the methods most often anywhere on it (inclusive, each
 * counted once per sample), and the inclusive share of a few families of frames that matter on a gateway's hot path.
 */
public final class JfrTop {

    /** Frame families (by class-name prefix or substring) whose inclusive share is worth seeing at a glance. */
    static final List<String[]> FAMILIES = List.of(
            new String[] {"JWT verification (Nimbus + Spring Security JWT)",
                "com.nimbusds.", "org.springframework.security.oauth2.jwt."},
            new String[] {"RSA / PSS signature (JDK crypto)",
                "sun.security.rsa.", "sun.security.provider.", "java.math.BigInteger"},
            new String[] {"JSON parsing (Nimbus' shaded Gson / Jackson)",
                "com.nimbusds.jose.shaded.", "tools.jackson.", "com.fasterxml.jackson."},
            new String[] {"Spring Security web filters", "org.springframework.security.web."},
            new String[] {"Spring Cloud Gateway filters + routing", "org.springframework.cloud.gateway."},
            new String[] {"Redis client (Lettuce + Spring Data Redis)", "io.lettuce.", "org.springframework.data.redis."},
            new String[] {"Sceneway code", "dev.sceneway."},
            new String[] {"Reactor core operators", "reactor.core."},
            new String[] {"Reactor Netty + Netty", "reactor.netty.", "io.netty."},
            new String[] {"Micrometer / observation", "io.micrometer."},
            new String[] {"Logging", "ch.qos.logback.", "org.slf4j.", "org.apache.logging."},
            new String[] {"Path matching (PathPattern / AntPath)",
                "org.springframework.web.util.pattern.", "org.springframework.util.AntPathMatcher"},
            new String[] {"HTTP headers (Spring HttpHeaders / Netty headers)", "org.springframework.http.HttpHeaders",
                "io.netty.handler.codec.http.DefaultHttpHeaders", "org.springframework.http.server.reactive.ReactorNetty"},
            new String[] {"Regex", "java.util.regex."},
            new String[] {"UUID generation", "java.util.UUID"},
            new String[] {"Throwing exceptions (stack traces)", "java.lang.Throwable."},
            new String[] {"Lua script re-checked on every call (ResourceScriptSource)",
                "org.springframework.scripting.support.ResourceScriptSource"});

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> families = new HashMap<>();
        int samples = 0;
        int interpreted = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.getFirst()), 1, Integer::sum);
            if ("Interpreted".equals(frames.getFirst().getType())) {
                interpreted++;
            }
            Set<String> seen = new HashSet<>();
            Set<String> seenFamilies = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
                for (String[] family : FAMILIES) {
                    for (int i = 1; i < family.length; i++) {
                        if (name.startsWith(family[i]) && seenFamilies.add(family[0])) {
                            families.merge(family[0], 1, Integer::sum);
                        }
                    }
                }
            }
        }
        System.out.printf("%d execution samples in %s%n", samples, file);
        if (samples == 0) {
            return;
        }
        System.out.printf("%.1f%% of them in interpreted code (a high share: the JIT had not settled)%n",
                100.0 * interpreted / samples);
        print("Top frames (self: on top of the stack)", self, samples, top);
        print("Top methods (inclusive: anywhere on the stack)", inclusive, samples, top);
        print("Families (inclusive)", families, samples, FAMILIES.size());
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / samples, e.getValue(),
                        e.getKey()));
    }
}
