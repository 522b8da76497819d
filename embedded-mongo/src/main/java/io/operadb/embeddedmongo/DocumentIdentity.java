package io.operadb.embeddedmongo;

import java.nio.ByteBuffer;


/**
 * The bytes every index key ends with: they tell apart the entries of documents with equal indexed values, and the
 * document's position is read back from them, so that an index entry needs no value. They are the position as
 * {@link PositionType} writes it (its BSON type and value, so it reads back as the same Java type), followed by
 * their length, so that they can be found from the key's end: one byte below 255, else four bytes and then 255.
 * <p>
 * Only the document's entries have to be unique and findable; the order among equal values is arbitrary.
 */
final class DocumentIdentity {

    private static final int LONG_LENGTH_MARK = 0xFF;

    private DocumentIdentity() {
    }

    /** The identity of the document at {@code position}, to append to its index keys. */
    static byte[] encode(Object position) {
        byte[] written = PositionType.INSTANCE.toBytes(position);
        int length = written.length;
        boolean shortLength = length < LONG_LENGTH_MARK;
        ByteBuffer identity = ByteBuffer.allocate(length + (shortLength ? 1 : 5)).put(written);
        if (shortLength) {
            identity.put((byte) length);
        } else {
            identity.putInt(length).put((byte) LONG_LENGTH_MARK);
        }
        return identity.array();
    }

    /** How many bytes of the index key {@code key} encode the indexed values: all but the identity at its end. */
    static int valuesLength(byte[] key) {
        int last = key.length - 1;
        int length = key[last] & 0xFF;
        if (length == LONG_LENGTH_MARK) {
            return last - 4 - ByteBuffer.wrap(key, last - 4, 4).getInt();
        }
        return last - length;
    }

    /** The position of the document whose index key {@code key} is. */
    static Object positionOf(byte[] key) {
        int last = key.length - 1;
        int trailer = 1;
        int length = key[last] & 0xFF;
        if (length == LONG_LENGTH_MARK) {
            trailer = 5;
            length = ByteBuffer.wrap(key, last - 4, 4).getInt();
        }
        return PositionType.INSTANCE.read(ByteBuffer.wrap(key, key.length - trailer - length, length));
    }
}
