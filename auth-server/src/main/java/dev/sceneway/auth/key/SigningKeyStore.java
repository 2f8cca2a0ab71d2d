package dev.sceneway.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code signing_key} table: creates the first key when there is none and loads the published ones.
 *
 * <p>Rows are {@code ACTIVE} (signs new tokens; at most one, enforced by a partial unique index) or
 * {@code PUBLISHED} (only served at the JWKS endpoint, e.g. the previous key while its tokens are still alive).
 */
final class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);

    /** pg_advisory_xact_lock key that serialises key creation among replicas; unique within sceneway_auth. */
    private static final long CREATE_KEY_LOCK = 0x5CE9_0A01L;
    private static final int RSA_BITS = 2048;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PrivateKeyCipher cipher;

    SigningKeyStore(JdbcTemplate jdbc, TransactionTemplate transactions, PrivateKeyCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    /** Creates an active key unless one exists, then loads all published keys. Safe to run on replicas at once. */
    SigningKeys loadCreatingIfMissing() {
        transactions.executeWithoutResult(status -> {
            // Held until commit: a replica starting at the same moment waits here and then sees our key.
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, CREATE_KEY_LOCK);
            Integer active = jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE status = 'ACTIVE'",
                    Integer.class);
            if (active == null || active == 0) {
                insertActive(generate());
            }
        });
        return load();
    }

    /**
     * Makes a new key ACTIVE and demotes the active one to PUBLISHED, so the JWKS serves both while tokens signed by
     * the old one are alive. Keys older than the demoted one are deleted once the demoted key has been active for
     * longer than {@code retention} (the longest token lifetime): by then every token they signed has expired.
     */
    SigningKeys rotate(Duration retention) {
        transactions.executeWithoutResult(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, CREATE_KEY_LOCK);
            jdbc.update("""
                    DELETE FROM signing_key WHERE status = 'PUBLISHED' AND created_at < (
                        SELECT created_at FROM signing_key WHERE status = 'ACTIVE'
                        AND created_at < now() - make_interval(secs => ?))""", (double) retention.toSeconds());
            jdbc.update("UPDATE signing_key SET status = 'PUBLISHED' WHERE status = 'ACTIVE'");
            insertActive(generate());
        });
        return load();
    }

    /** The keys as stored now; what replicas poll to learn about a rotation made elsewhere. */
    SigningKeys loadCurrent() {
        return load();
    }

    private void insertActive(RSAKey key) {
        SealedBytes sealed = cipher.seal(encodedPrivateKey(key), key.getKeyID());
        jdbc.update("""
                INSERT INTO signing_key (kid, algorithm, status, public_jwk, private_key_ciphertext, private_key_nonce)
                VALUES (?, ?, 'ACTIVE', ?, ?, ?)""",
                key.getKeyID(), key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(), sealed.ciphertext(),
                sealed.nonce());
        log.info("Created signing key {} ({} RSA {} bits)", key.getKeyID(), key.getAlgorithm(), RSA_BITS);
    }

    private SigningKeys load() {
        List<JWK> keys = new ArrayList<>();
        List<String> active = new ArrayList<>();
        Instant[] activeSince = {Instant.EPOCH};
        jdbc.query("""
                SELECT kid, status, public_jwk, private_key_ciphertext, private_key_nonce, created_at
                FROM signing_key ORDER BY created_at, kid""", rs -> {
            String kid = rs.getString("kid");
            byte[] pkcs8 = cipher.open(
                    new SealedBytes(rs.getBytes("private_key_nonce"), rs.getBytes("private_key_ciphertext")), kid);
            keys.add(withPrivateKey(rs.getString("public_jwk"), pkcs8));
            if ("ACTIVE".equals(rs.getString("status"))) {
                active.add(kid);
                activeSince[0] = rs.getTimestamp("created_at").toInstant();
            }
        });
        if (active.size() != 1) {
            throw new IllegalStateException("signing_key must have exactly one ACTIVE row, but has " + active.size());
        }
        return new SigningKeys(new JWKSet(keys), active.getFirst(), activeSince[0]);
    }

    static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .algorithm(JWSAlgorithm.PS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
            // RFC 7638 thumbprint: stable for the key's lifetime and says nothing about when it was made.
            return new RSAKey.Builder(key).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key: " + e.getMessage(), e);
        }
    }

    private static byte[] encodedPrivateKey(RSAKey key) {
        try {
            return key.toRSAPrivateKey().getEncoded(); // PKCS#8 DER
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + key.getKeyID() + " has no private part", e);
        }
    }

    private static RSAKey withPrivateKey(String publicJwk, byte[] pkcs8) {
        try {
            RSAKey publicKey = RSAKey.parse(publicJwk);
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        } catch (ParseException | GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is unreadable: " + e.getMessage(), e);
        }
    }
}
