import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of bench/auth-grants.sh, JDK only (run as a single-file program):
 *   keys DIR                        RSA key pairs for the admin client and the partner app (PKCS#8 + public JWKS)
 *   sign-rate SECONDS [native]      raw PS256 signatures per second, one thread, with the JDK's provider or, given
 *                                   "native", with the Amazon Corretto Crypto Provider (its jar on the class path),
 *                                   the one auth-server signs tokens with when its native library loads
 *   setup BASE_URL DIR              admin token (private_key_jwt), then a partner app through the admin API
 *   grants BASE_URL DIR N THREADS [SERVER_PID]
 *                                   N client_credentials grants, each with a fresh PS256 assertion (unique jti) and DPoP proof,
 *                                   signed before the clock starts; prints grants/s and, given the server's pid,
 *                                   the server's CPU seconds from /proc/PID/stat and grants per CPU-second
 */
public final class AuthGrantsBench {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final PSSParameterSpec PS256 = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            32, 1);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "sign-rate" -> signRate(Integer.parseInt(args[1]), args.length > 2 && args[2].equals("native"));
            case "setup" -> setup(args[1], Path.of(args[2]));
            case "grants" -> grants(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Long.parseLong(args[5]) : -1);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static void keys(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String name : List.of("admin", "partner", "dpop")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.write(dir.resolve(name + ".p8"), pair.getPrivate().getEncoded());
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            Files.writeString(dir.resolve(name + ".jwks"), "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\""
                    + name + "-1\",\"n\":\"" + unsigned(pub.getModulus()) + "\",\"e\":\""
                    + unsigned(pub.getPublicExponent()) + "\"}]}");
            Files.writeString(dir.resolve(name + ".jwk"), "{\"kty\":\"RSA\",\"n\":\"" + unsigned(pub.getModulus())
                    + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}");
        }
    }

    static void signRate(int seconds, boolean nativeProvider) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey jdkKey = generator.generateKeyPair().getPrivate();
        Provider provider = nativeProvider ? (Provider) Class.forName(
                "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider").getField("INSTANCE").get(null) : null;
        // As auth-server does: the native provider's own key object, converted once (not on every signature).
        PrivateKey key = provider == null ? jdkKey : (PrivateKey) KeyFactory.getInstance("RSA", provider)
                .translateKey(jdkKey);
        byte[] input = ("{\"alg\":\"PS256\"}." + "x".repeat(400)).getBytes(StandardCharsets.US_ASCII);
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            ps256(key, input, provider);
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int count = 0;
        while (System.nanoTime() < end) {
            ps256(key, input, provider);
            count++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // Per CPU-second is the figure to set beside the server's grants per CPU-second: both discount the time
        // other processes on this shared machine take from the core.
        System.out.printf("ps256_signatures_per_second_wall=%.0f ps256_signatures_per_cpu_second=%.0f%n",
                count / elapsed, count / cpuSeconds);
    }

    static void setup(String base, Path dir) throws Exception {
        String issuer = base;
        PrivateKey admin = privateKey(dir.resolve("admin.p8"));
        HttpResponse<String> token = null;
        for (int attempt = 0; attempt < 40 && (token == null || token.statusCode() == 401); attempt++) {
            if (token != null) {
                Thread.sleep(250); // the admin client is registered just after the server starts listening
            }
            token = token(base, "bench-admin", assertion(admin, "admin-1", "bench-admin", issuer), "admin",
                    dpopProof(DpopKey.load(dir), "POST", base + "/oauth2/token", null));
        }
        require(token, 200);
        String adminToken = member(token.body(), "access_token");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/clients"))
                .header("Authorization", "DPoP " + adminToken)
                .header("DPoP", dpopProof(DpopKey.load(dir), "POST", base + "/admin/clients", adminToken))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"Bench partner\",\"scope\":\"products\","
                        + "\"banks\":[\"lakeside\",\"harbour\"],\"jwks\":"
                        + Files.readString(dir.resolve("partner.jwks")) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        require(created, 201);
        Files.writeString(dir.resolve("client_id"), member(created.body(), "client_id"));
    }

    static void grants(String base, Path dir, int n, int threads, long serverPid) throws Exception {
        String clientId = Files.readString(dir.resolve("client_id")).strip();
        PrivateKey key = privateKey(dir.resolve("partner.p8"));
        List<String> assertions = new ArrayList<>(n);
        List<String> proofs = new ArrayList<>(n);
        // Several DPoP keys: Spring Security's replay cache admits at most 1,000 proofs per key in its window (a
        // guard against one key flooding it), and a partner app that fetches a token per call would rotate keys too.
        List<DpopKey> dpopKeys = new ArrayList<>();
        for (int k = 0; k < DPOP_KEYS; k++) {
            dpopKeys.add(DpopKey.generate());
        }
        for (int i = 0; i < n; i++) {
            assertions.add(assertion(key, "partner-1", clientId, base));
            proofs.add(dpopProof(dpopKeys.get(i % DPOP_KEYS), "POST", base + "/oauth2/token", null));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> firstFailure = new ArrayList<>();
        double cpuBefore = cpuSeconds(serverPid);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        try {
                            HttpResponse<String> response = token(base, clientId, assertions.get(i), "products",
                                    proofs.get(i));
                            if (response.statusCode() == 200 && response.body().contains("\"access_token\"")) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                synchronized (firstFailure) {
                                    if (firstFailure.isEmpty()) {
                                        firstFailure.add(response.statusCode() + " " + response.body());
                                    }
                                }
                            }
                        } catch (IOException | InterruptedException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(serverPid) - cpuBefore;
        System.out.printf("grants_ok=%d grants_failed=%d elapsed_s=%.2f grants_per_second_wall=%.0f%n",
                ok.get(), failed.get(), elapsed, ok.get() / elapsed);
        if (serverPid > 0) {
            System.out.printf("server_cpu_s=%.2f server_cores_busy=%.2f grants_per_server_cpu_second=%.0f%n",
                    cpu, cpu / elapsed, ok.get() / cpu);
        }
        if (!firstFailure.isEmpty()) {
            System.out.println("first_failure=" + firstFailure.getFirst());
        }
    }

    /** utime + stime of a process, in seconds (proc(5): fields 14 and 15, in clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static HttpResponse<String> token(String base, String clientId, String assertion, String scope, String dpop)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&scope=" + scope + "&client_id=" + enc(clientId)
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + assertion;
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", dpop)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A DPoP proof (RFC 9449) for one request, PS256 with the bench's DPoP key, a fresh jti; {@code ath} when it goes
     * with an access token. Production requires one on every client_credentials grant (FAPI 2.0 sender-constraining).
     */
    static String dpopProof(DpopKey key, String method, String url, String accessToken) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"typ\":\"dpop+jwt\",\"alg\":\"PS256\",\"jwk\":" + key.publicJwk() + "}");
        String ath = accessToken == null ? "" : ",\"ath\":\"" + B64URL.encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(
                        accessToken.getBytes(StandardCharsets.US_ASCII))) + "\"";
        String claims = b64("{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"" + method + "\",\"htu\":\"" + url
                + "\",\"iat\":" + now + ath + "}");
        String input = header + "." + claims;
        return input + "." + B64URL.encodeToString(ps256(key.privateKey(), input.getBytes(StandardCharsets.US_ASCII)));
    }

    static final int DPOP_KEYS = 32;

    /** An RSA key for DPoP proofs and its public JWK. */
    record DpopKey(PrivateKey privateKey, String publicJwk) {

        static DpopKey load(Path dir) throws Exception {
            return new DpopKey(AuthGrantsBench.privateKey(dir.resolve("dpop.p8")),
                    Files.readString(dir.resolve("dpop.jwk")));
        }

        static DpopKey generate() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            return new DpopKey(pair.getPrivate(), "{\"kty\":\"RSA\",\"n\":\"" + unsigned(pub.getModulus())
                    + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}");
        }
    }

    /** An RFC 7523 client assertion: aud = issuer (FAPI 2.0), exp in 120 s, a fresh jti, PS256. */
    static String assertion(PrivateKey key, String kid, String clientId, String issuer) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"PS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        String claims = b64("{\"iss\":\"" + clientId + "\",\"sub\":\"" + clientId + "\",\"aud\":\"" + issuer
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 120) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        String input = header + "." + claims;
        return input + "." + B64URL.encodeToString(ps256(key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] ps256(PrivateKey key, byte[] input) throws Exception {
        return ps256(key, input, null);
    }

    static byte[] ps256(PrivateKey key, byte[] input, Provider provider) throws Exception {
        Signature signature = provider == null ? Signature.getInstance("RSASSA-PSS")
                : Signature.getInstance("RSASSA-PSS", provider);
        signature.setParameter(PS256);
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }

    static PrivateKey privateKey(Path file) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
    }

    static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }

    static String b64(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
