package io.operadb.command.signature;

import io.operadb.api.signature.SignatureMetadata;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Events keep the signed request of the command that applied them; Axon's own origin ids are kept too. */
@Configuration(proxyBeanMethods = false)
public class SignatureCorrelation {

    @Bean
    CorrelationDataProvider signedRequestCorrelation() {
        return new SimpleCorrelationDataProvider(SignatureMetadata.ALL.toArray(String[]::new));
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
