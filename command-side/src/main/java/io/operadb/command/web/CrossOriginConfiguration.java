package io.operadb.command.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.time.Duration;
import java.util.List;

/**
 * Lets the Explorer, a page served by the query side, send commands from the browser: the command API answers
 * CORS preflights for the configured origins, with the headers the contract uses (authentication, optimistic
 * concurrency, idempotency) and the receipt's {@code ETag} readable by the page.
 * <p>
 * A servlet filter ahead of every other one rather than MVC's CORS support, so that a preflight is answered before
 * any authentication filter and a refusal (401, 403) still carries the headers the browser needs to read it.
 */
@Configuration
public class CrossOriginConfiguration {

    /** The request headers of the contract; CORS has no wildcard by prefix, so the X-OperaDB-* ones are listed. */
    static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH, "Idempotency-Key", "X-OperaDB-Actor", "X-OperaDB-Timestamp", "X-OperaDB-Nonce",
            "X-OperaDB-Signature");

    @Bean
    public FilterRegistrationBean<CorsFilter> crossOriginFilter(CrossOriginProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(ALLOWED_HEADERS);
        cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
        // bearer tokens travel in a header, never in cookies
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
