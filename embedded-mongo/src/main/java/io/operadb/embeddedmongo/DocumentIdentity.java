package io.operadb.embeddedmongo;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;

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
        // sized for the id: H2's WriteBuffer grows by at least a megabyte, and this runs for every index entry
        WriteBuffer buffer = new WriteBuffer(PositionType.INSTANCE.maxEncodedLength(position) + 5);
        PositionType.INSTANCE.write(buffer, position);
        int length = buffer.position();
        if (length < LONG_LENGTH_MARK) {
            buffer.put((byte) length);
        } else {
            buffer.putInt(length).put((byte) LONG_LENGTH_MARK);
        }
        ByteBuffer written = buffer.getBuffer();
        byte[] identity = new byte[written.position()];
        written.flip().get(identity);
        return identity;
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
