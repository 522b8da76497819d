package io.operadb.web.auth;

import io.operadb.api.problem.ProblemKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import javax.crypto.SecretKey;
import java.time.Clock;

/**
 * Both APIs: every request but health checks, API docs and the Explorer's static files is authenticated, by a signed
 * request or a bearer token; sessions are never created. Errors leave as problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/explorer", "/explorer/**",
            "/error", "/favicon.ico"};

    @Bean
    SecretKey operadbTokenKey(SecurityProperties properties) {
        return TokenKeys.from(properties.tokenSecret());
    }

    /** Tokens of this service (HS256, issuer {@value TokenService#ISSUER}); each is verified once, then remembered. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecretKey operadbTokenKey, SecurityProperties properties) {
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(TokenService.ISSUER);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(operadbTokenKey).macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator, 10_000, properties.tokenTtl());
    }

    @Bean
    TokenService tokenService(SecretKey operadbTokenKey, SecurityProperties properties, ObjectProvider<Clock> clock) {
        return new TokenService(new NimbusJwtEncoder(new com.nimbusds.jose.jwk.source.ImmutableSecret<>(
                operadbTokenKey)), properties.tokenTtl(), clock.getIfAvailable(Clock::systemUTC));
    }

    /** Deeply nested JSON is refused while it is parsed (400), before any handler sees it. */
    @Bean
    org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer jsonDepthLimit(
            SecurityProperties properties) {
        com.fasterxml.jackson.core.StreamReadConstraints limits = com.fasterxml.jackson.core.StreamReadConstraints
                .builder().maxNestingDepth(properties.maxJsonDepth()).build();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(limits));
    }

    /**
     * No Micrometer observation around every security filter and authentication: with an observation registry
     * present Spring Security wraps each of its filters in one, which cost about 8 % of all CPU under a 32-client
     * command load (JFR). Request metrics and traces still come from Spring MVC's own observation.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    NonceRegistry nonceRegistry(SecurityProperties properties) {
        return new NonceRegistry(properties.signatureWindow());
    }

    @Bean
    Operators operators(SecurityProperties properties, ActorDirectory directory) {
        return new Operators(properties.operators(), directory);
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(SecurityProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    SecurityFilterChain operadbSecurity(HttpSecurity http, ActorDirectory directory, NonceRegistry nonces,
                                        SecurityProperties properties, JwtDecoder jwtDecoder,
                                        ObjectProvider<Clock> clock) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> ProblemWriter.write(request, response,
                ProblemKind.NOT_AUTHENTICATED, e instanceof org.springframework.security.oauth2.core
                        .OAuth2AuthenticationException ? "the bearer token is not valid: " + e.getMessage()
                        : "send a bearer token (Authorization: Bearer …) or a signed request (X-OperaDB-Actor,"
                        + " -Timestamp, -Nonce, -Signature): an actor header alone is not a credential");
        AccessDeniedHandler denied = (request, response, e) ->
                ProblemWriter.write(request, response, ProblemKind.FORBIDDEN, "not allowed");
        SignedRequestFilter signed = new SignedRequestFilter(directory, nonces, properties.signatureWindow(),
                clock.getIfAvailable(Clock::systemUTC));
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(cors -> { })
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.OPTIONS, "/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(source ->
                                new OperaDbAuthentication(source.getClaimAsString(TokenService.ACCOUNT_CLAIM),
                                        source.getSubject(), Credential.TOKEN, null)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .addFilterBefore(signed, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new AccountAccessFilter(directory), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
