package dev.sceneway.auth.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clients live in {@code oauth2_registered_client} and {@code partner_client}; secrets (sandbox only) are hashed
 * with {@code {bcrypt}}.
 */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

    /** Also the authorization server's {@code RegisteredClientRepository}. */
    @Bean
    PartnerClientRepository registeredClientRepository(JdbcTemplate jdbc, ClientProperties properties) {
        return new PartnerClientRepository(new JdbcRegisteredClientRepository(jdbc), jdbc, properties.cacheTtl());
    }

    /** Also used by the authorization server to check client secrets; its default encoding is bcrypt. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    PublicUrlGuard publicUrlGuard(ClientProperties properties) {
        return PublicUrlGuard.of(properties.sandbox());
    }

    @Bean
    ClientRegistrations clientRegistrations(PartnerClientRepository clients, PasswordEncoder passwordEncoder,
            PlatformTransactionManager transactions, PublicUrlGuard urls, ClientProperties properties) {
        return new ClientRegistrations(clients, passwordEncoder, new TransactionTemplate(transactions), urls,
                properties.sandbox());
    }
}
