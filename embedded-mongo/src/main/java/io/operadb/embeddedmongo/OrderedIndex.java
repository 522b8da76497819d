package io.operadb.embeddedmongo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.h2.mvstore.CursorPos;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

/**
 * A persistent, ordered (B-tree) secondary index, unique or not, single-field or compound, kept in MVMaps of the
 * same store as the documents, so a commit covers both: one map per {@link IndexSegments segment} of its entries.
 * <p>
 * Every entry's key is the {@link SortableValueEncoder order-preserving encoding} of the indexed
 * values (complemented for descending fields) followed by the {@link DocumentIdentity document's identity}, so that
 * equal values of different documents are distinct entries and the document's position can be read from the key; the
 * entry's value is always {@link PresenceType#PRESENT}, stored as nothing. Two flags are kept in the first map under
 * keys that sort before every entry: whether any document put an array into the index (multikey) and whether any
 * value was encoded inexactly; either one stops the index from providing a sort order.
 * <p>
 * All methods run under the collection's lock (mongo-java-server's synchronized collection), so a
 * uniqueness check and the insert that follows it are atomic.
 */
final class OrderedIndex extends Index<Object> {

    private static final String ID_FIELD = "_id";
    private static final byte[] MULTIKEY_FLAG = {0x00, 'm'};
    private static final byte[] INEXACT_FLAG = {0x00, 'i'};
    /** Below every entry key, above the flags. */
    static final byte[] FIRST_ENTRY = {0x01};

    private final IndexSegments segments;
    private final boolean unique;
    private final boolean[] ascending;
    private final IndexKeyExtractor extractor;
    private final QueryMetrics metrics;
    private volatile boolean multikey;
    private volatile boolean inexact;

    private OrderedIndex(IndexSegments segments, String name, List<IndexKey> keys, boolean sparse, boolean unique,
                         QueryMetrics metrics) {
        super(name, keys, sparse);
        this.segments = segments;
        this.metrics = metrics;
        this.unique = unique;
        this.ascending = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        this.extractor = new IndexKeyExtractor(keys());
        this.multikey = segments.first().containsKey(MULTIKEY_FLAG);
        this.inexact = segments.first().containsKey(INEXACT_FLAG);
    }

    /**
     * @param mapNames          the name of each map of the index's entries ({@link IndexSegments})
     * @param entriesPerSegment how many entries a segment takes before the next one starts, read when one is full
     * @param metrics           where a unique insert's check that needed its own seeks is counted
     */
    static OrderedIndex open(MVStore store, IntFunction<String> mapNames, LongSupplier entriesPerSegment, String name,
                             List<IndexKey> keys, boolean sparse, boolean unique, QueryMetrics metrics) {
        return new OrderedIndex(IndexSegments.open(store, mapNames, entriesPerSegment, unique), name, keys, sparse, unique,
            metrics);
    }

    /** Key and value types of index maps; MVStore does not record them, every opener must pass them. */
    static MVMap.Builder<byte[], Object> mapBuilder() {
        return new MVMap.Builder<byte[], Object>().keyType(UnsignedBytesType.INSTANCE).valueType(PresenceType.INSTANCE);
    }

    /** One step of merging this index's small segments while writes pause ({@link IndexSegments}); whether more remains. */
    boolean mergeWhileWritesPause(int entries) {
        return segments.mergeWhileWritesPause(entries);
    }

    List<String> fieldPaths() {
        return keys();
    }

    boolean isAscending(int field) {
        return ascending[field];
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    boolean sparse() {
        return isSparse();
    }

    boolean isMultikey() {
        return multikey;
    }

    /** Whether iterating the index yields documents in the order the server sorts these fields. */
    boolean keepsExactOrder() {
        return !multikey && !inexact;
    }

    // ---- entries ---------------------------------------------------------------------------------

    /** One index entry of one document. */
    private record Entry(byte[] valuesKey, byte[] key, boolean exact, List<Object> values) {
    }

    /** A document's entries by key (a ByteBuffer compares by content, a byte[] would not). */
    record Entries(Map<ByteBuffer, Entry> byKey, boolean multikey, boolean inexact) {
        boolean sameKeysAs(Entries other) {
            return byKey.keySet().equals(other.byKey.keySet());
        }
    }

    /** The entries of {@code document}, none if the index is sparse and the document has none of the fields. */
    private Entries entriesOf(Document document, Object position) {
        IndexKeyExtractor.Extraction extraction = extractor.extract(document);
        if (isSparse() && extraction.allFieldsMissing()) {
            return new Entries(Map.of(), false, false);
        }
        byte[] identity = DocumentIdentity.encode(position);
        if (extraction.tuples().size() == 1) { // the usual case: no arrays, one entry
            Entry entry = entry(extraction.tuples().get(0), identity);
            return new Entries(Map.of(ByteBuffer.wrap(entry.key()), entry), extraction.multikey(), !entry.exact());
        }
        Map<ByteBuffer, Entry> byKey = new LinkedHashMap<>();
        boolean anyInexact = false;
        for (List<Object> tuple : extraction.tuples()) {
            Entry entry = entry(tuple, identity);
            anyInexact |= !entry.exact();
            byKey.putIfAbsent(ByteBuffer.wrap(entry.key()), entry);
        }
        return new Entries(byKey, extraction.multikey(), anyInexact);
    }

    private Entry entry(List<Object> tuple, byte[] identity) {
        KeyBytes values = new KeyBytes();
        boolean exact = encodeValues(tuple, values);
        byte[] valuesKey = values.toArray();
        return new Entry(valuesKey, KeyBytes.concat(valuesKey, identity), exact, tuple);
    }

    /** Appends the encoded tuple; returns whether every value was encoded exactly. */
    private boolean encodeValues(List<Object> tuple, KeyBytes bytes) {
        boolean exact = true;
        for (int i = 0; i < tuple.size(); i++) {
            exact &= encodeField(i, tuple.get(i), bytes);
        }
        return exact;
    }

    /** Appends one field's value as this index stores it (complemented if the field is descending). */
    boolean encodeField(int field, Object value, KeyBytes bytes) {
        int start = bytes.length();
        boolean exact = SortableValueEncoder.encode(value, bytes);
        if (!ascending[field]) {
            bytes.invertFrom(start);
        }
        return exact;
    }

    /**
     * The entries of a document about to be inserted, computed by the inserting thread before it takes the
     * collection's lock; {@link #checkAdd} and {@link #add} use them instead of computing them again.
     */
    Entries prepare(Document document) {
        return entriesOf(document, positionOf(document));
    }

    /** The prepared entries of {@code document} if they were prepared for {@code position}, else computed now. */
    private Entries entriesFor(Document document, Object position, MongoCollection<Object> collection) {
        if (collection instanceof IndexedH2Collection indexed) {
            Entries prepared = indexed.preparedEntries(this, document);
            if (prepared != null && Objects.equals(position, positionOf(document))) {
                return prepared;
            }
        }
        return entriesOf(document, position);
    }

    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get(ID_FIELD));
    }

    // ---- maintenance (called by the collection) --------------------------------------------------

    @Override
    public Object getPosition(Document document) {
        Object position = positionOf(document);
        for (Entry entry : entriesOf(document, position).byKey().values()) {
            return segments.contains(entry.key()) ? position : null;
        }
        return null;
    }

    /**
     * A document being added is not in this index yet (an insert, an index build, a journaled insert replayed), so
     * every entry with its values is another document's, even at its own position: that is a second document with the
     * same {@code _id}, a duplicate key as MongoDB reports it.
     */
    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        if (!unique) {
            return;
        }
        Object position = positionOf(document);
        if (collection instanceof IndexedH2Collection indexed) {
            Entries prepared = indexed.preparedEntries(this, document);
            if (prepared != null) {
                putUnique(prepared, position, indexed);
                return;
            }
        }
        checkUnique(entriesFor(document, position, collection), null, collection);
        if (collection instanceof IndexedH2Collection indexed) {
            indexed.uniquenessChecked(this, document);
        }
    }

    /**
     * Checks and writes a prepared insert's entries at once: each entry is put into the newest segment by one descent
     * of its B-tree, which also looks at the entry's neighbours in its leaf, once the older segments are known to hold
     * no entry with the same values (by their filters, or by a descent where a filter cannot rule them out). Entries
     * with the same values are adjacent (the document's identity only follows the values), so another document's
     * entry with these values would be a neighbour in the newest segment. Only where such a neighbour may be in another
     * leaf, or values are encoded inexactly, is the check made the long way ({@link QueryMetrics#uniqueChecksBySeek}):
     * the separators above the leaf bound the other leaves' keys, which settles the end of the last leaf (where
     * ascending values land) and the end of a run of entries before the next run's leaf (an aggregate's next event).
     * The collection records every entry written, so that {@link #add} does not write it again and a failed insert
     * can take it back ({@link #removeEntries}).
     */
    private void putUnique(Entries entries, Object position, IndexedH2Collection collection) {
        for (Entry entry : entries.byKey().values()) {
            KeyRange sameValues = KeyRange.withPrefix(entry.valuesKey());
            UniqueInsert insert = new UniqueInsert(sameValues);
            if (segments.putUnlessOthersHoldValues(entry.key(), entry.valuesKey(), sameValues, insert)) {
                if (insert.outcome == UniqueInsert.Outcome.PUT) {
                    collection.entryPut(this, entry.key());
                    continue;
                }
                if (insert.outcome == UniqueInsert.Outcome.SAME_VALUES && encodingProvesEqualValues(entry)) {
                    throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(entry.values()));
                }
            }
            metrics.recordUniqueCheckBySeek();
            checkUnique(entry, null, collection);
            segments.put(entry.key());
            collection.entryPut(this, entry.key());
        }
    }

    /**
     * Puts an entry unless a neighbour in its leaf has the same values, or a neighbour is in another leaf that the
     * separators above do not rule out (an entry at the end of its leaf whose next leaf begins at or above the next
     * values, or at the end of the tree's last leaf, is known to have no neighbour with its values there).
     */
    private static final class UniqueInsert extends MVMap.DecisionMaker<Object> {

        enum Outcome { PUT, SAME_VALUES, UNDECIDED }

        private final KeyRange sameValues;
        Outcome outcome;

        UniqueInsert(KeyRange sameValues) {
            this.sameValues = sameValues;
        }

        @Override
        public MVMap.Decision decide(Object existingValue, Object providedValue, CursorPos<?, ?> tip) {
            if (existingValue != null) {
                outcome = Outcome.SAME_VALUES; // this very key: the same values at the same position
                return MVMap.Decision.ABORT;
            }
            Page<?, ?> leaf = tip.page;
            int insertAt = -tip.index - 1;
            byte[] left = insertAt > 0 ? (byte[]) leaf.getKey(insertAt - 1) : null;
            byte[] right = insertAt < leaf.getKeyCount() ? (byte[]) leaf.getKey(insertAt) : null;
            if ((left != null && sameValues.contains(left)) || (right != null && sameValues.contains(right))) {
                outcome = Outcome.SAME_VALUES;
                return MVMap.Decision.ABORT;
            }
            // a neighbour missing from the leaf is in another leaf, whose keys the separators above bound
            boolean leftUnknown = left == null && !beforeAll(tip);
            boolean rightUnknown = right == null && !afterAll(tip);
            outcome = leftUnknown || rightUnknown ? Outcome.UNDECIDED : Outcome.PUT;
            return outcome == Outcome.PUT ? MVMap.Decision.PUT : MVMap.Decision.ABORT;
        }

        /** Whether every key in the leaves before {@code tip}'s is below the values. */
        private boolean beforeAll(CursorPos<?, ?> tip) {
            byte[] bound = boundBeforeLeaf(tip);
            return bound == null || KeyBytes.compare(bound, sameValues.low()) <= 0;
        }

        /** Whether every key in the leaves after {@code tip}'s is above the values. */
        private boolean afterAll(CursorPos<?, ?> tip) {
            byte[] bound = boundAfterLeaf(tip);
            return bound == null || !sameValues.isBelowHigh(bound);
        }

        @Override
        public MVMap.Decision decide(Object existingValue, Object providedValue) {
            outcome = Outcome.UNDECIDED; // without the leaf (MVMap.operate passes it), leave it to the long way
            return MVMap.Decision.ABORT;
        }

        @Override
        public void reset() {
            outcome = null; // MVMap retries a put that raced with another change of the map
        }
    }

    /**
     * A bound on the keys after the leaf that {@code tip} ends at: every key in a later leaf is at least this one (a
     * separator of an ancestor, where the descent did not take the last child); null for the tree's last leaf.
     */
    static byte[] boundAfterLeaf(CursorPos<?, ?> tip) {
        for (CursorPos<?, ?> level = tip.parent; level != null; level = level.parent) {
            if (level.index < level.page.getRawChildPageCount() - 1) {
                return (byte[]) level.page.getKey(level.index);
            }
        }
        return null;
    }

    /**
     * A bound on the keys before the leaf that {@code tip} ends at: every key in an earlier leaf is below this one;
     * null for the tree's first leaf.
     */
    static byte[] boundBeforeLeaf(CursorPos<?, ?> tip) {
        for (CursorPos<?, ?> level = tip.parent; level != null; level = level.parent) {
            if (level.index > 0) {
                return (byte[]) level.page.getKey(level.index - 1);
            }
        }
        return null;
    }

    /** Takes back entries written by {@link #putUnique} for an insert that failed. */
    void removeEntries(List<byte[]> keys) {
        for (byte[] key : keys) {
            segments.remove(key);
        }
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        Entries entries = entriesFor(document, position, collection);
        if (collection instanceof IndexedH2Collection indexed && indexed.entriesWerePut(this, document)
            && Objects.equals(position, positionOf(document))) {
            rememberFlags(entries); // checkAdd wrote them
            return;
        }
        // checkAdd's check still holds if it ran in the same locked insert: nothing wrote this map since.
        // An index build calls checkAdd for every document before the first add; there this check is the real one.
        boolean checked = collection instanceof IndexedH2Collection indexed && indexed.uniquenessWasChecked(this, document)
            && Objects.equals(position, positionOf(document));
        if (unique && !checked) {
            checkUnique(entries, null, collection);
        }
        for (Entry entry : entries.byKey().values()) {
            segments.put(entry.key());
        }
        rememberFlags(entries);
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf(document);
        Object removed = null;
        for (Entry entry : entriesOf(document, position).byKey().values()) {
            if (segments.remove(entry.key())) {
                removed = position;
            }
        }
        return removed;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        if (unique && !sameIndexedFields(oldDocument, newDocument)) {
            Object position = positionOf(oldDocument);
            checkUnique(entriesOf(newDocument, position), position, collection);
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        if (sameIndexedFields(oldDocument, newDocument)) {
            return;
        }
        Entries before = entriesOf(oldDocument, position);
        Entries after = entriesOf(newDocument, position);
        if (before.sameKeysAs(after)) {
            return;
        }
        if (unique) {
            checkUnique(after, position, collection);
        }
        for (Map.Entry<ByteBuffer, Entry> old : before.byKey().entrySet()) {
            if (!after.byKey().containsKey(old.getKey())) {
                segments.remove(old.getValue().key());
            }
        }
        for (Map.Entry<ByteBuffer, Entry> added : after.byKey().entrySet()) {
            if (!before.byKey().containsKey(added.getKey())) {
                segments.put(added.getValue().key());
            }
        }
        rememberFlags(after);
    }

    /**
     * Whether the two versions of a document hold equal values in the top-level fields this index reads, so that its
     * entries are the same without encoding them: most updates (a read model replaced, a token advanced) change other
     * fields. Equal means equal as Java objects (nested documents and arrays compared whole), which implies equal as
     * MongoDB compares them; values MongoDB deems equal but Java does not (1 and 1L) take the long way.
     */
    private boolean sameIndexedFields(Document oldDocument, Document newDocument) {
        for (String path : keys()) {
            int dot = path.indexOf('.');
            String field = dot < 0 ? path : path.substring(0, dot);
            if (!Objects.equals(oldDocument.get(field), newDocument.get(field))
                || oldDocument.containsKey(field) != newDocument.containsKey(field)) {
                return false;
            }
        }
        return true;
    }

    private void rememberFlags(Entries entries) {
        if (entries.multikey() && !multikey) {
            segments.first().put(MULTIKEY_FLAG, PresenceType.PRESENT); // the key's presence is the flag
            multikey = true;
        }
        if (entries.inexact() && !inexact) {
            segments.first().put(INEXACT_FLAG, PresenceType.PRESENT);
            inexact = true;
        }
    }

    private void checkUnique(Entries entries, Object ownPosition, MongoCollection<Object> collection) {
        for (Entry entry : entries.byKey().values()) {
            checkUnique(entry, ownPosition, collection);
        }
    }

    private void checkUnique(Entry entry, Object ownPosition, MongoCollection<Object> collection) {
        KeyRange sameValues = KeyRange.withPrefix(entry.valuesKey());
        if (!segments.anyWithValues(sameValues, entry.valuesKey(), null)) {
            return; // the usual case, answered by one descent per segment without a cursor's allocations
        }
        Iterator<Object> others = segments.positionsIn(List.of(sameValues), false);
        while (others.hasNext()) {
            Object otherPosition = others.next();
            if (Objects.equals(otherPosition, ownPosition)) {
                continue;
            }
            if (encodingProvesEqualValues(entry) || holdsValues(collection, otherPosition, entry.values())) {
                throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(entry.values()));
            }
        }
    }

    /** Equal encodings prove equal values only if no inexact encoding is involved. */
    private boolean encodingProvesEqualValues(Entry entry) {
        return entry.exact() && !inexact;
    }

    private boolean holdsValues(MongoCollection<Object> collection, Object position, List<Object> values) {
        Document other = ((IndexedH2Collection) collection).documentAt(position);
        if (other == null) {
            return false;
        }
        for (List<Object> tuple : extractor.extract(other).tuples()) {
            if (sameValues(tuple, values)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameValues(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            if (ValueComparator.ascWithoutListHandling().compare(a.get(i), b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Moves the index's maps to the names {@code mapNames} gives, for a collection renamed. */
    void renameMaps(IntFunction<String> mapNames) {
        segments.renameTo(mapNames);
    }

    /** Removes all entries, after a failed build. */
    void clear() {
        segments.clear();
        multikey = false;
        inexact = false;
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** Positions of the entries in {@code ranges}, which must be sorted ascending and disjoint. */
    Iterator<Object> positionsIn(List<KeyRange> ranges, boolean reverse) {
        List<KeyRange> ordered = new ArrayList<>(ranges);
        if (reverse) {
            Collections.reverse(ordered);
        }
        return segments.positionsIn(ordered, reverse);
    }

    @Override
    public boolean canHandle(Document query) {
        // queries are planned by QueryPlanner, never through mongo-java-server's index selection
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("use QueryPlanner");
    }

    @Override
    public long getCount() {
        long flags = (multikey ? 1 : 0) + (inexact ? 1 : 0);
        return segments.size() - flags;
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // the database removes the map
    }

    @Override
    public String toString() {
        return "OrderedIndex[" + getName() + (unique ? ", unique" : "") + (isSparse() ? ", sparse" : "") + "]";
    }
}
