package dev.sceneway.auth.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.MigratedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rotation with overlap, on a database of its own (the shared test context keeps its single key): the new key signs,
 * the previous one stays published so its tokens keep verifying, another replica follows on reload, and keys older
 * than the previous one go once every token they signed has expired.
 */
class SigningKeyRotationIT {

    private final MigratedDatabase database = MigratedDatabase.create("auth_rotation");

    private SigningKeyStore store() {
        return new SigningKeyStore(database.jdbc(), database.transactions(), new PrivateKeyCipher(new byte[32]));
    }

    @Test
    void rotateWhenATokenWasSignedByThePreviousKeyThenBothArePublishedAndItStillVerifies() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(store(), SigningProvider.jdk());
        SigningKeys before = ring.current();
        SignedJWT oldToken = sign(before);

        SigningKeys after = ring.rotate(Duration.ofMinutes(5));

        assertThat(after.activeKeyId()).isNotEqualTo(before.activeKeyId());
        assertThat(after.jwkSet().getKeys()).extracting(JWK::getKeyID)
                .containsExactlyInAnyOrder(before.activeKeyId(), after.activeKeyId());
        assertThat(verifies(oldToken, after.jwkSet())).isTrue();
        assertThat(verifies(sign(after), after.jwkSet())).isTrue();
    }

    @Test
    void reloadWhenAnotherReplicaRotatedThenThisReplicaSignsWithTheNewKey() {
        SigningKeyRing here = new SigningKeyRing(store(), SigningProvider.jdk());
        SigningKeyRing elsewhere = new SigningKeyRing(store(), SigningProvider.jdk());

        SigningKeys rotated = elsewhere.rotate(Duration.ofMinutes(5));

        assertThat(here.current().activeKeyId()).isNotEqualTo(rotated.activeKeyId());
        assertThat(here.reload().activeKeyId()).isEqualTo(rotated.activeKeyId());
    }

    @Test
    void reloadWhenNothingChangedThenKeepsTheSignersAndAfterARotationElsewhereSignsWithTheNewKey() throws Exception {
        SigningKeyRing here = new SigningKeyRing(store(), SigningProvider.choose(true));
        String first = here.current().activeKeyId();
        JWSSigner firstSigner = here.signer(first);

        assertThat(here.reload().activeKeyId()).isEqualTo(first);
        assertThat(here.signer(first)).as("unchanged keys keep their signer").isSameAs(firstSigner);

        String second = new SigningKeyRing(store(), SigningProvider.jdk()).rotate(Duration.ofMinutes(5)).activeKeyId();
        SigningKeys reloaded = here.reload();
        assertThat(here.signer(second)).isNotNull();
        assertThat(here.signer("no-such-key")).isNull();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(second).build(),
                new JWTClaimsSet.Builder().subject("partner").build());
        token.sign(here.signer(second));
        assertThat(verifies(SignedJWT.parse(token.serialize()), reloaded.jwkSet())).isTrue();
    }

    @Test
    void rotateWhenThePreviousKeyHasOutlivedEveryTokenThenOnlyTheCurrentAndPreviousArePublished() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(store(), SigningProvider.jdk());
        String first = ring.current().activeKeyId();
        String second = ring.rotate(Duration.ofMinutes(5)).activeKeyId();
        SigningKeys withOverlap = ring.rotate(Duration.ofMinutes(5));
        assertThat(withOverlap.jwkSet().getKeys()).as("tokens of the first key may still be alive").hasSize(3);

        SigningKeys pruned = ring.rotate(Duration.ZERO);

        assertThat(pruned.jwkSet().getKeys()).extracting(JWK::getKeyID)
                .doesNotContain(first, second)
                .containsExactlyInAnyOrder(withOverlap.activeKeyId(), pruned.activeKeyId());
    }

    @Test
    void checkWhenTheActiveKeyIsOlderThanTheRotationIntervalThenRotatesAndOtherwiseNot() {
        SigningKeyRing ring = new SigningKeyRing(store(), SigningProvider.jdk());
        String first = ring.current().activeKeyId();
        SigningKeyProperties every30Days = new SigningKeyProperties(Duration.ofDays(30), Duration.ofMinutes(1), false);
        AuthProperties auth = new AuthProperties("http://localhost:9000", "sceneway-api", Duration.ofMinutes(5),
                null, List.of());

        new SigningKeyRotation(ring, every30Days, auth, Clock.systemUTC()).check();
        assertThat(ring.current().activeKeyId()).isEqualTo(first);

        Clock in31Days = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        new SigningKeyRotation(ring, every30Days, auth, in31Days).check();
        assertThat(ring.current().activeKeyId()).isNotEqualTo(first);
        assertThat(ring.current().jwkSet().getKeys()).extracting(JWK::getKeyID).contains(first);
    }

    private static SignedJWT sign(SigningKeys keys) throws Exception {
        JWK key = keys.jwkSet().getKeyByKeyId(keys.activeKeyId());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("partner").build());
        jwt.sign(new RSASSASigner(key.toRSAKey()));
        return SignedJWT.parse(jwt.serialize());
    }

    private static boolean verifies(SignedJWT jwt, JWKSet published) throws Exception {
        JWK key = published.toPublicJWKSet().getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key.toRSAKey()));
    }
}
