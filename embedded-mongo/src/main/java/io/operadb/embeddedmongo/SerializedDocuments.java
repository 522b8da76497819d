package io.operadb.embeddedmongo;

import java.util.stream.Stream;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Documents as mongo-java-server's own H2 backend stores them ({@link DocumentFormat#JAVA_SERIALIZED}):
 * MVStore's default types, Java serialization. Kept so that older files open; a full rewrite
 * ({@link StoreRewriter}) converts them to BSON.
 */
final class SerializedDocuments implements StoredDocuments {

    private final MVMap<Object, Document> map;

    SerializedDocuments(MVMap<Object, Document> map) {
        this.map = map;
    }

    @Override
    public Document get(Object position) {
        return map.get(position);
    }

    @Override
    public boolean put(Object position, Document document) {
        return map.put(position, document) != null;
    }

    @Override
    public boolean put(Object position, Document document, byte[] bson) {
        return put(position, document);
    }

    @Override
    public boolean remove(Object position) {
        return map.remove(position) != null;
    }

    @Override
    public Stream<DocumentWithPosition<Object>> all() {
        return map.entrySet().stream().map(entry -> new DocumentWithPosition<>(entry.getValue(), entry.getKey()));
    }

    @Override
    public Stream<Document> documents() {
        return map.values().stream();
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
