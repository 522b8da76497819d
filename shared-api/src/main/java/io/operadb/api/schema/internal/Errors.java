package io.operadb.api.schema.internal;

import io.operadb.api.problem.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors. */
public final class Errors {

    private final List<FieldError> list = new ArrayList<>();

    public void add(String path, String reason) {
        list.add(new FieldError(path, reason));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<FieldError> list() {
        return list;
    }

    /** The first three errors as one line ({@code path reason; ...; (n more)}). */
    public static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (FieldError e : errors) {
            if (n == 3) {
                sb.append("; ... (").append(errors.size() - 3).append(" more)");
                break;
            }
            if (n > 0) {
                sb.append("; ");
            }
            sb.append(e.path()).append(' ').append(e.reason());
            n++;
        }
        return sb.toString();
    }

    public static String child(String path, String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }
}
