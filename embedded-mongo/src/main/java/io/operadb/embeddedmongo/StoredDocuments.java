package io.operadb.embeddedmongo;

import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The documents of one collection by position (their {@code _id}), in the collection's MVMap, in
 * one of the {@link DocumentFormat formats}. Positions iterate in the map's key order.
 */
interface StoredDocuments {

    /** The stored document, a copy the caller may change; null if there is none. */
    Document get(Object position);

    /** Stores the document; returns whether one was stored at that position before. */
    boolean put(Object position, Document document);

    /** Removes the document; returns whether there was one. */
    boolean remove(Object position);

    Stream<DocumentWithPosition<Object>> all();

    Stream<Document> documents();

    int size();

    boolean isEmpty();
}
