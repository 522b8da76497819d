package io.operadb.embeddedmongo;

import java.util.List;

/**
 * How a query is answered: by walking {@code ranges} of an index (forwards or backwards), or by a
 * collection scan when {@code index} is null.
 *
 * @param providesOrder whether the index walk already yields the requested sort order
 */
record QueryPlan(OrderedIndex index, List<KeyRange> ranges, boolean reverse, boolean providesOrder) {

    static QueryPlan collectionScan() {
        return new QueryPlan(null, List.of(), false, false);
    }

    boolean isCollectionScan() {
        return index == null;
    }

    String describe() {
        if (isCollectionScan()) {
            return "collection scan";
        }
        return "index '" + index.getName() + "' (" + ranges.size() + (ranges.size() == 1 ? " range" : " ranges")
            + (reverse ? ", backwards" : "") + (providesOrder ? ", in sort order" : "") + ")";
    }
}
