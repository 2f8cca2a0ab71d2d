import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The payments benchmark's client, JDK only ({@code java bench/payments/PaymentsBench.java ...}), driven by
 * {@code bench/payments.sh}.
 *
 * <ul>
 *   <li>{@code prepare <dir> <issuer> <bank> <currency> <payments> <debtors> <creditors>}: a fresh PS256 key
 *       ({@code jwks.json}, as auth-server publishes it) and, per payment, a single-use payment consent token shaped
 *       like auth-server's ({@code consent_id}, {@code consent} claim with the terms and the debtor account) and the
 *       request body that matches it, one per line in {@code requests.tsv}. Debtors {@code BENCH-C<n>} pay
 *       creditors {@code BENCH-M<n>} 0.01 each, spread over the accounts.</li>
 *   <li>{@code run <baseUrl> <bank> <dir> <from> <to> <threads>}: POSTs requests {@code [from, to)} from
 *       {@code threads} concurrent callers and prints payments/s, latency percentiles and the answers by status.</li>
 * </ul>
 */
public final class PaymentsBench {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), args[2], args[3], args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            case "run" -> run(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            default -> {
                System.err.println("usage: prepare <dir> <issuer> <bank> <currency> <payments> <debtors> <creditors>"
                        + " | run <baseUrl> <bank> <dir> <from> <to> <threads>");
                System.exit(2);
            }
        }
    }

    private static void prepare(Path dir, String issuer, String bank, String currency, int payments, int debtors,
            int creditors) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        String kid = "bench-" + UUID.randomUUID();
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + kid
                + "\",\"n\":\"" + unsigned(pub.getModulus()) + "\",\"e\":\"" + unsigned(pub.getPublicExponent())
                + "\"}]}\n");
        long now = Instant.now().getEpochSecond();
        String header = B64.encodeToString(("{\"alg\":\"PS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String[] lines = new String[payments];
        // Signing is the slow part (~1 ms a token): all cores, before the service starts being measured.
        IntStream.range(0, payments).parallel().forEach(i -> {
            String debtor = "BENCH-C" + (i % debtors);
            String customer = "bench-customer-" + (i % debtors);
            String creditor = "BENCH-M" + (i % creditors);
            String reference = "BENCH-" + i;
            String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + customer + "\",\"aud\":[\"sceneway-api\"],"
                    + "\"client_id\":\"bench-partner\",\"scope\":\"payments\",\"iat\":" + now + ",\"nbf\":" + now
                    + ",\"exp\":" + (now + Duration.ofDays(1).toSeconds()) + ",\"jti\":\"" + UUID.randomUUID()
                    + "\",\"consent_id\":\"" + UUID.randomUUID() + "\",\"consent\":{\"type\":\"payment\",\"bank\":\""
                    + bank + "\",\"permissions\":[],\"accounts\":[\"" + debtor + "\"],\"payment\":{\"amount\":\"0.01\","
                    + "\"currency\":\"" + currency + "\",\"creditorAccount\":\"" + creditor + "\",\"creditorName\":"
                    + "\"Bench merchant\",\"reference\":\"" + reference + "\"}}}";
            String signingInput = header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            String body = "{\"debtorAccount\":\"" + debtor + "\",\"creditorAccount\":\"" + creditor
                    + "\",\"amount\":\"0.01\",\"currency\":\"" + currency + "\",\"reference\":\"" + reference + "\"}";
            lines[i] = signingInput + "." + sign(key.getPrivate(), signingInput) + "\t" + body;
        });
        Files.write(dir.resolve("requests.tsv"), Arrays.asList(lines), StandardCharsets.UTF_8);
    }

    private static void run(String baseUrl, String bank, Path dir, int from, int to, int threads) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("requests.tsv"), StandardCharsets.UTF_8)
                .subList(from, to);
        URI base = URI.create(baseUrl);
        String path = "/v1/banks/" + bank + "/payments";
        long[] latencies = new long[lines.size()];
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (ExecutorService callers = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                callers.submit(() -> {
                    // One keep-alive connection per caller, reopened if the server closes it.
                    Connection connection = null;
                    try {
                        for (int i = next.getAndIncrement(); i < lines.size(); i = next.getAndIncrement()) {
                            String[] line = lines.get(i).split("\t", 2);
                            byte[] body = line[1].getBytes(StandardCharsets.UTF_8);
                            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                                    + base.getPort() + "\r\nAuthorization: Bearer " + line[0]
                                    + "\r\nContent-Type: application/json\r\nAccept: application/json"
                                    + "\r\nx-idempotency-key: bench-" + (from + i) + "\r\nContent-Length: "
                                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                            long sent = System.nanoTime();
                            String answer;
                            try {
                                if (connection == null) {
                                    connection = new Connection(base.getHost(), base.getPort());
                                }
                                Reply reply = connection.exchange(head, body);
                                answer = reply.status() + (reply.body().contains("\"completed\"") ? " completed"
                                        : reply.status() == 201 ? " other" : "");
                                if (reply.close()) {
                                    connection.close();
                                    connection = null;
                                }
                            } catch (IOException e) {
                                answer = "error " + e.getClass().getSimpleName();
                                if (connection != null) {
                                    connection.close();
                                    connection = null;
                                }
                            }
                            latencies[i] = System.nanoTime() - sent;
                            answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
                        }
                    } finally {
                        if (connection != null) {
                            connection.close();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<String, Long> byAnswer = new TreeMap<>();
        answers.forEach((answer, count) -> byAnswer.put(answer, count.sum()));
        System.out.printf("payments=%d threads=%d seconds=%.1f payments_per_s=%.0f p50_ms=%.2f p99_ms=%.2f"
                + " max_ms=%.1f answers=%s%n", lines.size(), threads, seconds, lines.size() / seconds,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6, byAnswer);
    }

    /** A response: status, body, and whether the server closes the connection after it. */
    record Reply(int status, String body, boolean close) {
    }

    /**
     * A minimal HTTP/1.1 keep-alive client connection, so that the load generator spends little of the machine's CPU
     * (the JDK's HttpClient cost more per request than the service's own request handling): writes a request, reads
     * the status line, the headers and a Content-Length or chunked body. Loopback only, no TLS.
     */
    static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final BufferedInputStream in;
        private final OutputStream out;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        Reply exchange(byte[] head, byte[] body) throws IOException {
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are ignored
                }
            } else if (length >= 0) {
                content.write(in.readNBytes(length));
            }
            return new Reply(status, content.toString(StandardCharsets.UTF_8), close);
        }

        /** One CRLF-terminated line, without the CRLF; null at end of stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    int last = line.length() - 1;
                    return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing left to do
            }
        }
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String sign(PrivateKey key, String signingInput) {
        try {
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            pss.initSign(key);
            pss.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(pss.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK integer: big-endian, no sign byte (RFC 7518 section 6.3.1). */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }
}
