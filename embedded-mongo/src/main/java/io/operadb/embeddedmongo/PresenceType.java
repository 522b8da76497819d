package io.operadb.embeddedmongo;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * MVStore value type of index entries, which carry everything in their key ({@link DocumentIdentity}): every value is
 * {@link #PRESENT}, written as nothing and read back as the same object. A value that is an object of its own per
 * entry (the document's position, as index maps held before) costs a write and a read on every checkpoint and page
 * load, and its cache misses were most of a checkpoint's time for indexes with random keys.
 */
final class PresenceType extends BasicDataType<Object> {

    static final PresenceType INSTANCE = new PresenceType();

    /** The one value of every entry. */
    static final Object PRESENT = Boolean.TRUE;

    private PresenceType() {
    }

    @Override
    public int compare(Object a, Object b) {
        return 0;
    }

    @Override
    public int getMemory(Object value) {
        return 0; // the shared object, counted nowhere
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        // nothing: the value is implied
    }

    @Override
    public void write(WriteBuffer buffer, Object storage, int len) {
        // nothing for a whole page's values either
    }

    @Override
    public Object read(ByteBuffer buffer) {
        return PRESENT;
    }

    @Override
    public void read(ByteBuffer buffer, Object storage, int len) {
        Arrays.fill((Object[]) storage, 0, len, PRESENT);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
