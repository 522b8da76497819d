package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.CannotIndexParallelArraysError;

/**
 * Reads the values an index holds for a document: one tuple per indexed combination. A field holding
 * an array contributes each element (a "multikey" index, as in MongoDB); an empty array contributes
 * one empty-array value so that every document has at least one entry.
 */
final class IndexKeyExtractor {

    /** Stands for an empty array; encodes as the array type. */
    private static final List<Object> EMPTY_ARRAY = List.of();

    private final List<String> paths;

    IndexKeyExtractor(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    record Extraction(List<List<Object>> tuples, boolean multikey, boolean allFieldsMissing) {
    }

    Extraction extract(Document document) {
        List<List<Object>> valuesPerField = new ArrayList<>(paths.size());
        Set<String> arrayPaths = new LinkedHashSet<>();
        boolean allMissing = true;
        for (String path : paths) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, path);
            if (!(value instanceof Missing)) {
                allMissing = false;
            }
            if (value instanceof Collection<?> elements) {
                arrayPaths.add(firstArrayPath(document, path));
                valuesPerField.add(elements.isEmpty() ? List.of(EMPTY_ARRAY) : new ArrayList<>(elements));
            } else {
                valuesPerField.add(Collections.singletonList(value)); // may be null
            }
        }
        if (arrayPaths.size() > 1) {
            throw new CannotIndexParallelArraysError(arrayPaths);
        }
        return new Extraction(crossProduct(valuesPerField), !arrayPaths.isEmpty(), allMissing);
    }

    private static List<List<Object>> crossProduct(List<List<Object>> valuesPerField) {
        List<List<Object>> tuples = List.of(List.of());
        for (List<Object> values : valuesPerField) {
            List<List<Object>> extended = new ArrayList<>(tuples.size() * values.size());
            for (List<Object> tuple : tuples) {
                for (Object value : values) {
                    List<Object> longer = new ArrayList<>(tuple.size() + 1);
                    longer.addAll(tuple);
                    longer.add(value);
                    extended.add(longer);
                }
            }
            tuples = extended;
        }
        return tuples;
    }

    /** The part of {@code path} up to the first array on it; two fields through different arrays cannot be indexed together. */
    private static String firstArrayPath(Document document, String path) {
        List<String> fragments = Utils.splitPath(path);
        Object current = document;
        for (int i = 0; i < fragments.size(); i++) {
            current = current instanceof Document subdocument ? subdocument.getOrMissing(fragments.get(i)) : Missing.getInstance();
            if (current instanceof Collection) {
                return String.join(".", fragments.subList(0, i + 1));
            }
        }
        return path;
    }
}
