package io.operadb.query.explorer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the Explorer's static files from {@code classpath:/operadb/explorer/} at {@code /explorer/}. Not from
 * Spring's default {@code /static}: both sides share one class path in the embedded default, and only the query
 * side serves the page.
 */
@Configuration
@ConditionalOnProperty(prefix = "operadb.query.explorer", name = "enabled", matchIfMissing = true)
public class ExplorerConfiguration implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/operadb/explorer/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // no-cache: the browser revalidates (ETag/Last-Modified), so a new build's modules are never mixed with old ones
        registry.addResourceHandler("/explorer/**").addResourceLocations(LOCATION)
                .setCacheControl(org.springframework.http.CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/explorer", "/explorer/");
        registry.addViewController("/explorer/").setViewName("forward:/explorer/index.html");
    }
}
