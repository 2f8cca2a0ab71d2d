package dev.sceneway.auth.consent;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads what product-apis reports on stream {@code sceneway:consent-events} (contract "Payment consumption") in
 * consumer group {@code auth-server}, creating the group (and the stream) if missing: {@code event consumed} moves the
 * payment consent Authorised → Consumed; {@code event partner-event} (e.g. a credit decision) is checked against its
 * consent (it must exist at the reporting bank and belong to the partner named) and handed to the
 * {@link PartnerEventSink}, which sends it as a signed webhook. A record is acknowledged once handled, so a replica that dies mid-way leaves
 * it pending; pending records idle longer than {@link #CLAIM_AFTER} are claimed by whichever replica looks next.
 * Handling is idempotent (a consent already Consumed stays so), so a record handled twice does no harm. A record that
 * can never apply (unknown consent, a consent revoked before the report arrived) is logged and acknowledged: it must
 * not block the records behind it.
 */
@Component
class ConsentEventsConsumer implements SmartLifecycle {

    static final String STREAM = "sceneway:consent-events";
    static final String GROUP = "auth-server";
    static final Duration CLAIM_AFTER = Duration.ofSeconds(30);
    /** Below the Redis command timeout (spring.data.redis.timeout, 500 ms), which also bounds a blocking read. */
    private static final Duration BLOCK = Duration.ofMillis(300);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final int BATCH = 50;
    /** A bank service's event type: lower-case dotted words, short enough for the delivery log's column. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z]+(\\.[a-z]+){1,4}");
    private static final int MAX_EVENT_TYPE = 40;
    private static final int MAX_PAYLOAD = 16_384;
    private static final Logger log = LoggerFactory.getLogger(ConsentEventsConsumer.class);

    private final StreamOperations<String, Object, Object> stream;
    private final StringRedisTemplate redis;
    private final ConsentLifecycle lifecycle;
    private final PartnerEventSink partnerEvents;
    private final Consumer consumer;
    private volatile boolean running;
    private volatile boolean groupReady;
    private Thread worker;

    ConsentEventsConsumer(StringRedisTemplate redis, ConsentLifecycle lifecycle, PartnerEventSink partnerEvents,
            ConsentProperties properties) {
        this.redis = redis;
        this.stream = redis.opsForStream();
        this.lifecycle = lifecycle;
        this.partnerEvents = partnerEvents;
        this.consumer = Consumer.from(GROUP, properties.consumerName().isBlank() ? defaultName()
                : properties.consumerName());
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("consent-events").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long nextClaim = 0;
        while (running) {
            try {
                ensureGroup();
                if (System.nanoTime() - nextClaim >= 0) {
                    claimStale();
                    nextClaim = System.nanoTime() + CLAIM_AFTER.toNanos();
                }
                List<MapRecord<String, Object, Object>> records = stream.read(consumer,
                        StreamReadOptions.empty().count(BATCH).block(BLOCK),
                        StreamOffset.create(STREAM, ReadOffset.lastConsumed()));
                if (records != null) {
                    records.forEach(this::handle);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    groupReady = false;
                }
                log.warn("Reading {} failed; retrying in {}: {}", STREAM, BACKOFF, e.toString());
                pause();
            }
        }
    }

    /** Handles one record and acknowledges it (also when it can never apply). Visible for tests. */
    void handle(MapRecord<String, Object, Object> record) {
        Map<Object, Object> fields = record.getValue();
        String consentId = String.valueOf(fields.get("consentId"));
        String event = String.valueOf(fields.get("event"));
        String bank = String.valueOf(fields.get("bank"));
        String paymentId = String.valueOf(fields.get("paymentId"));
        try {
            if ("partner-event".equals(event)) {
                partnerEvent(record.getId(), fields, consentId, bank);
            } else if (!"consumed".equals(event)) {
                log.warn("Ignoring {} record {}: unknown event '{}'", STREAM, record.getId(), event);
            } else if (lifecycle.consume(consentId, bank, paymentId).isEmpty()) {
                log.warn("Ignoring {} record {}: no payment consent {} at bank {}", STREAM, record.getId(), consentId,
                        bank);
            }
        } catch (ConsentStateException e) {
            // CAUTION: the payment was made (product-apis committed it) but the consent had left Authorised, e.g.
            // revoked in between; it keeps its final status. Logged for the audit, acknowledged.
            log.warn("Payment {} reported for consent {} that cannot be consumed: {}", paymentId, consentId,
                    e.getMessage());
        }
        stream.acknowledge(STREAM, GROUP, record.getId());
    }

    /** A malformed report, or one whose consent is not the named partner's at that bank, is logged and dropped. */
    private void partnerEvent(RecordId recordId, Map<Object, Object> fields, String consentId, String bank) {
        String partner = String.valueOf(fields.get("partner"));
        String type = String.valueOf(fields.get("type"));
        Object payload = fields.get("payload");
        UUID eventId;
        try {
            eventId = UUID.fromString(String.valueOf(fields.get("eventId")));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring {} record {}: partner event without a valid eventId", STREAM, recordId);
            return;
        }
        if (type.length() > MAX_EVENT_TYPE || !EVENT_TYPE.matcher(type).matches() || payload == null || payload.toString().isBlank()
                || payload.toString().length() > MAX_PAYLOAD) {
            log.warn("Ignoring {} record {}: partner event {} of type '{}' is malformed", STREAM, recordId, eventId,
                    type);
            return;
        }
        Optional<ConsentView> consent = lifecycle.find(consentId)
                .filter(found -> found.bankId().equals(bank) && found.partnerId().equals(partner));
        if (consent.isEmpty()) {
            log.warn("Ignoring {} record {}: partner event {} names consent {} of partner {} at bank {}, which does"
                    + " not exist", STREAM, recordId, eventId, consentId, partner, bank);
            return;
        }
        partnerEvents.accept(new PartnerEvent(eventId, partner, consentId, type, payload.toString()));
    }

    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            // MKSTREAM: the group can exist before product-apis reports anything.
            redis.execute((RedisCallback<Object>) connection ->
                    connection.execute("XGROUP", "CREATE".getBytes(), STREAM.getBytes(), GROUP.getBytes(),
                            "0".getBytes(), "MKSTREAM".getBytes()));
            log.info("Created consumer group {} on {}", GROUP, STREAM);
        } catch (RedisSystemException e) {
            if (!String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    /** Records another replica read and never acknowledged (it died): claimed here and handled. */
    private void claimStale() {
        PendingMessages pending = stream.pending(STREAM, GROUP, Range.unbounded(), BATCH);
        List<RecordId> stale = pending.stream()
                .filter(message -> message.getElapsedTimeSinceLastDelivery().compareTo(CLAIM_AFTER) >= 0)
                .map(PendingMessage::getId).toList();
        if (stale.isEmpty()) {
            return;
        }
        List<MapRecord<String, Object, Object>> claimed = stream.claim(STREAM, GROUP, consumer.getName(),
                CLAIM_AFTER, stale.toArray(RecordId[]::new));
        claimed.forEach(this::handle);
    }

    private void pause() {
        try {
            Thread.sleep(BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
