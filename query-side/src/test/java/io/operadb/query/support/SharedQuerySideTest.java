package io.operadb.query.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests that can share one running query side (one Spring context, one database): each works in its own
 * account, so they never see each other's entities.
 */
public abstract class SharedQuerySideTest extends QuerySideTestSupport {

    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-shared");

    @DynamicPropertySource
    static void sharedDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }
}
