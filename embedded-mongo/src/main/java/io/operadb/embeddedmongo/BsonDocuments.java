package io.operadb.embeddedmongo;

import java.util.function.Function;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.Page;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Documents stored as BSON bytes ({@link DocumentFormat#BSON}). Reading a page from the file copies
 * its bytes; only the documents asked for are decoded, and only when asked for.
 */
final class BsonDocuments implements StoredDocuments {

    private final MVMap<Object, byte[]> map;

    BsonDocuments(MVMap<Object, byte[]> map) {
        this.map = map;
    }

    /** Key and value types of BSON document maps; MVStore does not record them, every opener must pass them. */
    static MVMap.Builder<Object, byte[]> mapBuilder() {
        return new MVMap.Builder<Object, byte[]>().keyType(PositionType.INSTANCE).valueType(UnsignedBytesType.INSTANCE);
    }

    @Override
    public Document get(Object position) {
        byte[] bytes = map.get(position);
        return bytes == null ? null : DocumentCodec.decode(bytes);
    }

    /**
     * Looks in the leaf of the previous read first, if the map has not changed since (its root is the same object),
     * and descends from the root only for a position outside that leaf. A file-backed MVStore unlinks the pages
     * a checkpoint has written, so every later descent looks up each level in the page cache, a hash lookup that
     * misses the CPU cache; a walk through documents in insertion order (a tracking read, an aggregate's events of a
     * bulk load) finds about fifteen documents in a row in one leaf.
     */
    @Override
    public Function<Object, Document> walkReader() {
        return new LeafMemo();
    }

    private final class LeafMemo implements Function<Object, Document> {

        private Page<Object, byte[]> root;
        private Page<Object, byte[]> leaf;

        @Override
        public Document apply(Object position) {
            Page<Object, byte[]> current = map.getRootPage();
            if (current != root || leaf == null || !withinLeaf(position)) {
                root = current;
                leaf = leafOf(current, position);
            }
            int index = search(leaf, position);
            return index < 0 ? null : DocumentCodec.decode(leaf.getValue(index));
        }

        private boolean withinLeaf(Object position) {
            int count = leaf.getKeyCount();
            return count > 0 && PositionType.INSTANCE.compare(position, leaf.getKey(0)) >= 0
                && PositionType.INSTANCE.compare(position, leaf.getKey(count - 1)) <= 0;
        }

        private static Page<Object, byte[]> leafOf(Page<Object, byte[]> root, Object position) {
            Page<Object, byte[]> page = root;
            while (!page.isLeaf()) {
                int index = search(page, position);
                page = page.getChildPage(index < 0 ? -index - 1 : index + 1); // keys equal to a separator lie right of it
            }
            return page;
        }

        /** As {@link java.util.Arrays#binarySearch}: the index of the key, or -(insertion point) - 1. */
        private static int search(Page<Object, byte[]> page, Object position) {
            int low = 0;
            int high = page.getKeyCount() - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int order = PositionType.INSTANCE.compare(page.getKey(middle), position);
                if (order < 0) {
                    low = middle + 1;
                } else if (order > 0) {
                    high = middle - 1;
                } else {
                    return middle;
                }
            }
            return -(low + 1);
        }
    }

    @Override
    public boolean put(Object position, Document document) {
        return map.put(position, DocumentCodec.encode(document)) != null;
    }

    @Override
    public boolean put(Object position, Document document, byte[] bson) {
        return map.put(position, bson) != null;
    }

    @Override
    public boolean remove(Object position) {
        return map.remove(position) != null;
    }

    @Override
    public Stream<DocumentWithPosition<Object>> all() {
        return map.entrySet().stream()
            .map(entry -> new DocumentWithPosition<>(DocumentCodec.decode(entry.getValue()), entry.getKey()));
    }

    @Override
    public Stream<Document> documents() {
        return map.values().stream().map(DocumentCodec::decode);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }
}
