package io.operadb.query.projection;

import io.operadb.query.config.QuerySideProperties;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Read-your-writes for the query API. A read that finds nothing looks again once the projections have caught up
 * with the store, so a client reading right after its write is not told 404; a read that asks for a minimum
 * version waits for it. Both waits are bounded.
 */
@Component
public class FreshReads {

    private final ProjectionCatchUp catchUp;
    private final QuerySideProperties properties;

    public FreshReads(ProjectionCatchUp catchUp, QuerySideProperties properties) {
        this.catchUp = catchUp;
        this.properties = properties;
    }

    public <T> Optional<T> find(Supplier<Optional<T>> read) {
        Optional<T> found = read.get();
        if (found.isPresent()) {
            return found;
        }
        catchUp.awaitHead(properties.missWait());
        return read.get();
    }

    /** @return true once {@code currentVersion} reports at least {@code minVersion}, false at the time limit */
    public boolean awaitVersion(long minVersion, LongSupplier currentVersion) {
        long deadline = System.nanoTime() + properties.minVersionWait().toNanos();
        while (currentVersion.getAsLong() < minVersion) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            ProjectionCatchUp.sleep();
        }
        return true;
    }
}
