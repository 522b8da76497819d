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
    /** Per path, whether it names a top-level field, which is read without splitting the path. */
    private final boolean[] topLevel;

    IndexKeyExtractor(List<String> paths) {
        this.paths = List.copyOf(paths);
        this.topLevel = new boolean[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            topLevel[i] = isTopLevelField(paths.get(i));
        }
    }

    /**
     * Whether {@code path} names a top-level field. mongo-java-server's path lookup splits every path with a regular
     * expression (a tenth of an indexed insert's work), and for a path without dots answers the document's own field.
     */
    static boolean isTopLevelField(String path) {
        return !path.isEmpty() && path.indexOf('.') < 0 && !path.equals("$");
    }

    record Extraction(List<List<Object>> tuples, boolean multikey, boolean allFieldsMissing) {
    }

    Extraction extract(Document document) {
        List<List<Object>> valuesPerField = new ArrayList<>(paths.size());
        Set<String> arrayPaths = null;
        boolean allMissing = true;
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            Object value = topLevel[i] ? document.getOrMissing(path) : Utils.getSubdocumentValueCollectionAware(document, path);
            if (!(value instanceof Missing)) {
                allMissing = false;
            }
            if (value instanceof Collection<?> elements) {
                if (arrayPaths == null) {
                    arrayPaths = new LinkedHashSet<>();
                }
                arrayPaths.add(firstArrayPath(document, path));
                valuesPerField.add(elements.isEmpty() ? List.of(EMPTY_ARRAY) : new ArrayList<>(elements));
            } else {
                valuesPerField.add(Collections.singletonList(value)); // may be null
            }
        }
        if (arrayPaths == null) {
            List<Object> tuple = new ArrayList<>(valuesPerField.size());
            for (List<Object> values : valuesPerField) {
                tuple.add(values.get(0));
            }
            return new Extraction(List.of(tuple), false, allMissing);
        }
        if (arrayPaths.size() > 1) {
            throw new CannotIndexParallelArraysError(arrayPaths);
        }
        return new Extraction(crossProduct(valuesPerField), true, allMissing);
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
