package io.operadb.embeddedmongo;

import java.util.stream.Stream;

import org.h2.mvstore.MVMap;

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
