package dev.sceneway.auth.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.PrivateKey;
import java.security.Security;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SigningProviderTest {

    private static final boolean LINUX_X86_64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");

    @Test
    void chooseWhenNativePreferredOnLinuxX8664ThenTheNativeProviderSigns() {
        SigningProvider chosen = SigningProvider.choose(true);

        if (LINUX_X86_64) {
            assertThat(chosen.isNative()).as("the build ships the linux-x86_64 native library").isTrue();
            assertThat(chosen.provider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        }
    }

    @Test
    void chooseWhenNativeNotWantedThenTheJdkSigns() {
        SigningProvider chosen = SigningProvider.choose(false);

        assertThat(chosen.isNative()).isFalse();
        assertThat(chosen.provider()).isNull();
    }

    @Test
    void ownWhenTheJdkSignsThenTheKeyIsUsedAsItIs() throws Exception {
        PrivateKey key = new RSAKeyGenerator(2048).generate().toRSAPrivateKey();

        assertThat(SigningProvider.jdk().own(key)).isSameAs(key);
    }

    @Test
    void chooseWhenNativeThenItIsNotInstalledJvmWide() {
        SigningProvider.choose(true);

        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
    }

    @Test
    void signWhenNativeThenTheJdkVerifiesThePs256SignatureAndRefusesATamperedOne() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SigningProvider provider = SigningProvider.choose(true);
        RSASSASigner signer = new RSASSASigner(provider.own(key.toRSAPrivateKey()));
        signer.getJCAContext().setProvider(provider.provider());
        JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.PS256), new Payload("{\"sub\":\"partner\"}"));
        signed.sign(signer);
        RSASSAVerifier jdk = new RSASSAVerifier(key.toRSAPublicKey());
        jdk.getJCAContext().setProvider(Security.getProvider("SunRsaSign"));

        assertThat(JWSObject.parse(signed.serialize()).verify(jdk)).isTrue();
        String[] parts = signed.serialize().split("\\.");
        String tampered = parts[0] + "." + new Payload("{\"sub\":\"other\"}").toBase64URL() + "." + parts[2];
        assertThat(JWSObject.parse(tampered).verify(jdk)).isFalse();
    }
}
