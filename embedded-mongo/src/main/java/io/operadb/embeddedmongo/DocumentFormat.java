package io.operadb.embeddedmongo;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * How a collection's documents are stored in its data map. MVStore does not record a map's types,
 * so the format is recorded in the collection's metadata map ({@code meta.<db>.<collection>}) under
 * {@link #MARKER_KEY}: a collection created by this library carries the marker, one created by
 * mongo-java-server's own H2 backend (or by an earlier version of this library) does not.
 */
enum DocumentFormat {

    /** MVStore's default types: Java serialization of keys and documents (mongo-java-server's H2 backend). */
    JAVA_SERIALIZED,
    /** Keys as BSON values ({@link PositionType}), documents as BSON bytes, decoded on demand. */
    BSON;

    static final String MARKER_KEY = "documentFormat";
    private static final String BSON_MARKER = "bson-1";

    /** The format recorded in {@code metaMap}; a map without marker holds Java-serialized documents. */
    static DocumentFormat recordedIn(MVMap<String, Object> metaMap) {
        Object marker = metaMap.get(MARKER_KEY);
        if (marker == null) {
            return JAVA_SERIALIZED;
        }
        if (BSON_MARKER.equals(marker)) {
            return BSON;
        }
        throw new IllegalStateException("collection metadata '" + metaMap.getName() + "' names document format '"
            + marker + "', which this version does not know; open the file with the version that wrote it");
    }

    void recordIn(MVMap<String, Object> metaMap) {
        if (this == BSON) {
            metaMap.put(MARKER_KEY, BSON_MARKER);
        } else {
            metaMap.remove(MARKER_KEY);
        }
    }

    /**
     * The format of the collection whose maps are named {@code dataMapName} and {@code metaMapName}:
     * the recorded one if its data map exists, {@link #BSON} (recorded now) for a new collection.
     */
    static DocumentFormat forCollection(MVStore store, String dataMapName, MVMap<String, Object> metaMap) {
        if (store.hasMap(dataMapName)) {
            return recordedIn(metaMap);
        }
        BSON.recordIn(metaMap);
        return BSON;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    StoredDocuments open(MVStore store, String dataMapName) {
        if (this == BSON) {
            return new BsonDocuments(store.openMap(dataMapName, BsonDocuments.mapBuilder()));
        }
        return new SerializedDocuments((MVMap) store.openMap(dataMapName));
    }
}
