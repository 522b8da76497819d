package io.operadb.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Registers the shared web pieces in each side's context. */
@AutoConfiguration
@Import({ProblemHandler.class, ExactJsonNumbers.class, io.operadb.web.auth.SecurityConfiguration.class})
public class WebSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ActorResolver actorResolver() {
        return new io.operadb.web.auth.AuthenticatedActorResolver();
    }
}
