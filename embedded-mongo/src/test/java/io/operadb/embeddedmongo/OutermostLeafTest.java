package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.h2.mvstore.CursorPos;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * A unique insert decides in its one descent when its leaf has both neighbours of the new key, or when a missing
 * neighbour is missing because the leaf is the tree's first or last: keys ascending (ids, timestamps) always land at
 * the right end of the last leaf, and must not all take the long way (a seek in every segment and a second descent).
 */
class OutermostLeafTest {

    @Test
    void a_leaf_is_outermost_exactly_when_no_key_of_the_tree_lies_beyond_it() {
        MVStore store = new MVStore.Builder().keysPerPage(4).open(); // small pages: a tree of several levels
        try {
            MVMap<byte[], Object> map = store.openMap("index", OrderedIndex.mapBuilder());
            for (int key = 10; key <= 2_000; key += 2) {
                map.put(bytes(key), PresenceType.PRESENT);
            }
            assertThat(map.getRootPage().isLeaf()).isFalse();
            int innerLeafEnds = 0;
            for (int probe = 1; probe <= 2_011; probe += 2) {
                Edges edges = edgesOf(map, probe);
                assertThat(edges.last).as("last leaf, probe %d", probe)
                    .isEqualTo(KeyBytes.compare(edges.leafHighest, map.lastKey()) == 0);
                assertThat(edges.first).as("first leaf, probe %d", probe)
                    .isEqualTo(KeyBytes.compare(edges.leafLowest, map.firstKey()) == 0);
                if (probe > 2_000) {
                    assertThat(edges.last).as("beyond every key").isTrue();
                }
                if (edges.atLeafEnd && !edges.last) {
                    innerLeafEnds++;
                }
            }
            assertThat(innerLeafEnds).as("probes at the end of a leaf that is not the last").isGreaterThan(10);
        } finally {
            store.close();
        }
    }

    private static Edges edgesOf(MVMap<byte[], Object> map, int probe) {
        Edges edges = new Edges();
        map.operate(bytes(probe), PresenceType.PRESENT, new MVMap.DecisionMaker<>() {
            @Override
            public MVMap.Decision decide(Object existingValue, Object providedValue, CursorPos<?, ?> tip) {
                edges.first = OrderedIndex.isOutermostLeaf(tip, false);
                edges.last = OrderedIndex.isOutermostLeaf(tip, true);
                edges.atLeafEnd = -tip.index - 1 == tip.page.getKeyCount();
                edges.leafLowest = (byte[]) tip.page.getKey(0);
                edges.leafHighest = (byte[]) tip.page.getKey(tip.page.getKeyCount() - 1);
                return MVMap.Decision.ABORT;
            }

            @Override
            public MVMap.Decision decide(Object existingValue, Object providedValue) {
                throw new AssertionError("MVMap passes the leaf");
            }
        });
        return edges;
    }

    private static final class Edges {
        boolean first;
        boolean last;
        boolean atLeafEnd;
        byte[] leafLowest;
        byte[] leafHighest;
    }

    private static byte[] bytes(int key) {
        return ByteBuffer.allocate(4).putInt(key).array();
    }
}
