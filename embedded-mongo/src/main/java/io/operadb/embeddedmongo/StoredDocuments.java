package io.operadb.embeddedmongo;

import java.util.function.Function;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The documents of one collection by position (their {@code _id}), in the collection's MVMap, in
 * one of the {@link DocumentFormat formats}. Positions iterate in the map's key order.
 */
interface StoredDocuments {

    /**
     * The stored document, or null. BSON storage decodes a fresh copy on every call; Java-serialized
     * storage returns the object in the map, as mongo-java-server's own backend does, so callers must not
     * change it without {@link #put} (the collection's update path puts every changed document).
     */
    Document get(Object position);

    /**
     * A reader of documents for one query's walk, which may be faster than {@link #get} when consecutive positions
     * lie close together in the map (an index walk over documents inserted in that order). Not thread-safe: one walk
     * reads with it, one call after another.
     */
    default Function<Object, Document> walkReader() {
        return this::get;
    }

    /** Stores the document; returns whether one was stored at that position before. */
    boolean put(Object position, Document document);

    /**
     * Stores the document whose BSON encoding (by {@link DocumentCodec#encode}) is {@code bson}, encoded
     * beforehand outside the collection's lock; returns whether one was stored at that position before.
     */
    boolean put(Object position, Document document, byte[] bson);

    /** Removes the document; returns whether there was one. */
    boolean remove(Object position);

    Stream<DocumentWithPosition<Object>> all();

    Stream<Document> documents();

    int size();

    boolean isEmpty();
}
