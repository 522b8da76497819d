package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;

import org.h2.mvstore.CursorPos;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * A unique insert settles its check in the descent that writes its entry when the separators above the leaf bound
 * the keys of the leaves beside it ({@link OrderedIndex#boundBeforeLeaf}, {@link OrderedIndex#boundAfterLeaf}). Checked
 * here against the tree's actual keys, on a tree of several levels, after inserts and after removals.
 */
class LeafBoundsTest {

    @Test
    void the_bounds_beside_a_leaf_hold_for_every_key_of_the_other_leaves_and_are_null_only_at_the_tree_s_ends() {
        MVStore store = new MVStore.Builder().keysPerPage(4).open(); // small pages: a tree of several levels
        try {
            MVMap<byte[], Object> map = store.openMap("index", OrderedIndex.mapBuilder());
            for (int key = 10; key <= 4_000; key += 2) {
                map.put(bytes(key), PresenceType.PRESENT);
            }
            assertThat(map.getRootPage().isLeaf()).isFalse();
            assertBoundsHold(map);

            Random random = new Random(42);
            for (int i = 0; i < 1_500; i++) { // removals empty and drop leaves; the separators must still bound
                map.remove(bytes(10 + 2 * random.nextInt(1_996)));
            }
            assertBoundsHold(map);
        } finally {
            store.close();
        }
    }

    private static void assertBoundsHold(MVMap<byte[], Object> map) {
        int innerLeafEnds = 0;
        for (int probe = 1; probe <= 4_011; probe += 2) {
            Leaf leaf = leafOf(map, probe);
            byte[] before = map.lowerKey(leaf.lowest);
            byte[] after = map.higherKey(leaf.highest);
            if (leaf.boundBefore == null) {
                assertThat(before).as("a key before the first leaf, probe %d", probe).isNull();
            } else {
                assertThat(KeyBytes.compare(leaf.boundBefore, leaf.lowest)).as("probe %d", probe).isLessThanOrEqualTo(0);
                if (before != null) {
                    assertThat(KeyBytes.compare(before, leaf.boundBefore)).as("probe %d", probe).isLessThan(0);
                }
            }
            if (leaf.boundAfter == null) {
                assertThat(after).as("a key after the last leaf, probe %d", probe).isNull();
            } else {
                assertThat(KeyBytes.compare(leaf.boundAfter, leaf.highest)).as("probe %d", probe).isGreaterThan(0);
                if (after != null) {
                    assertThat(KeyBytes.compare(after, leaf.boundAfter)).as("probe %d", probe).isGreaterThanOrEqualTo(0);
                }
                if (leaf.atEnd) {
                    innerLeafEnds++;
                }
            }
        }
        assertThat(innerLeafEnds).as("probes at the end of a leaf that is not the last").isGreaterThan(10);
    }

    private static Leaf leafOf(MVMap<byte[], Object> map, int probe) {
        Leaf leaf = new Leaf();
        map.operate(bytes(probe), PresenceType.PRESENT, new MVMap.DecisionMaker<>() {
            @Override
            public MVMap.Decision decide(Object existingValue, Object providedValue, CursorPos<?, ?> tip) {
                leaf.boundBefore = OrderedIndex.boundBeforeLeaf(tip);
                leaf.boundAfter = OrderedIndex.boundAfterLeaf(tip);
                leaf.lowest = (byte[]) tip.page.getKey(0);
                leaf.highest = (byte[]) tip.page.getKey(tip.page.getKeyCount() - 1);
                leaf.atEnd = -tip.index - 1 == tip.page.getKeyCount();
                return MVMap.Decision.ABORT;
            }

            @Override
            public MVMap.Decision decide(Object existingValue, Object providedValue) {
                throw new AssertionError("MVMap passes the leaf");
            }
        });
        return leaf;
    }

    private static final class Leaf {
        byte[] boundBefore;
        byte[] boundAfter;
        byte[] lowest;
        byte[] highest;
        boolean atEnd;
    }

    private static byte[] bytes(int key) {
        return ByteBuffer.allocate(4).putInt(key).array();
    }
}
