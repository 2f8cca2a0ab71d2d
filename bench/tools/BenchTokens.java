import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The benchmark's signing key and access tokens, with the JDK only: {@code java bench/tools/BenchTokens.java <dir>
 * <issuer> <client_id> <scope>...}. Writes {@code <dir>/jwks.json} (the public key, as an auth-server publishes it) and
 * one token per scope argument, {@code <dir>/token-<first word of the scope>} (a scope argument may hold several
 * space-separated values). Tokens are shaped like the auth-server's (RFC 9068: PS256, {@code typ=at+jwt}, {@code iss},
 * {@code aud=sceneway-api}, {@code client_id}, {@code scope}, {@code iat/nbf/exp}, {@code jti}) and live one day, so a
 * benchmark run never sees one expire. The private key is never written: a new one each run.
 */
public final class BenchTokens {

    static final String AUDIENCE = "sceneway-api";
    static final Duration LIFETIME = Duration.ofDays(1);
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length < 4) {
            System.err.println("usage: java BenchTokens.java <dir> <issuer> <client_id> <scope>...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        String clientId = args[2];
        Files.createDirectories(dir);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        String kid = "bench-" + UUID.randomUUID();
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\""
                + unsigned(pub.getModulus()) + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}]}\n";
        Files.writeString(dir.resolve("jwks.json"), jwks);

        Instant now = Instant.now();
        for (String scope : Arrays.copyOfRange(args, 3, args.length)) {
            String header = "{\"alg\":\"PS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}";
            String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + clientId + "\",\"aud\":[\"" + AUDIENCE
                    + "\"],\"client_id\":\"" + clientId + "\",\"scope\":\"" + scope + "\",\"iat\":"
                    + now.getEpochSecond() + ",\"nbf\":" + now.getEpochSecond() + ",\"exp\":"
                    + now.plus(LIFETIME).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
            String signingInput = b64(header) + "." + b64(claims);
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            pss.initSign(key.getPrivate());
            pss.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String token = signingInput + "." + B64.encodeToString(pss.sign());
            Files.writeString(dir.resolve("token-" + scope.split(" ")[0]), token);
        }
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWK integer: big-endian, no sign byte (RFC 7518 §6.3.1). */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }
}
