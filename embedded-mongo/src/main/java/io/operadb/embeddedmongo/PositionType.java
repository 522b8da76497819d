package io.operadb.embeddedmongo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * MVStore type for a document's position (its {@code _id}) as one BSON value: the value type of index
 * entries and the key type of {@link BsonDocuments document maps}, compared as the server compares
 * values. MVStore's default type would fall back to Java serialization for BSON types such as
 * ObjectId, which costs an ObjectInputStream per value whenever a page is read.
 * <p>
 * Stored as a length, the BSON type byte and the BSON encoding of the value. The usual {@code _id}
 * types (ObjectId, string, int, long) are written and read directly; other types go through the
 * server's BSON codec. Every commit writes every entry of every changed page, so this is hot.
 */
final class PositionType extends BasicDataType<Object> {

    static final PositionType INSTANCE = new PositionType();

    /** Not a BSON type: stands for a document without {@code _id}. */
    private static final byte MISSING = 0;

    private PositionType() {
    }

    /**
     * As the server compares, which is also the order of every document map already written. The usual {@code _id}
     * types are compared directly: every lookup of a document by position compares about twenty times, and the
     * server's comparator first ranks both values' types by a walk through its list of types with
     * {@code Class.isAssignableFrom}, which made that ranking 43 % of the server's time in a tracking read.
     */
    @Override
    public int compare(Object a, Object b) {
        if (a instanceof ObjectId x && b instanceof ObjectId y) {
            return x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        } else if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        } else if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        boolean aMissing = a instanceof Missing;
        boolean bMissing = b instanceof Missing;
        if (aMissing || bMissing) {
            return Boolean.compare(!aMissing, !bMissing);
        }
        return ValueComparator.asc().compare(a, b);
    }

    @Override
    public int getMemory(Object position) {
        return 64;
    }

    /**
     * The position as {@link #write} writes it, in an array of its own. The buffer is sized for the position up front:
     * H2's {@code WriteBuffer} grows by at least a megabyte, which every index entry and journal record of a document
     * with a long id paid for while theirs started at a fixed size.
     */
    byte[] toBytes(Object position) {
        WriteBuffer buffer = new WriteBuffer(maxEncodedLength(position));
        write(buffer, position);
        ByteBuffer written = buffer.getBuffer().flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    /**
     * At least the bytes {@link #write} takes for the position (a guess for ids of other types). Every index entry of an
     * insert encodes its document's position, so the usual ids get a buffer of their size, not the guess's 261 bytes.
     */
    private static int maxEncodedLength(Object position) {
        int lengthPrefix = 5;
        if (position instanceof ObjectId) {
            return lengthPrefix + 1 + BsonConstants.LENGTH_OBJECTID;
        }
        if (position instanceof Long) {
            return lengthPrefix + 1 + Long.BYTES;
        }
        if (position instanceof Integer) {
            return lengthPrefix + 1 + Integer.BYTES;
        }
        if (position instanceof String value) {
            return lengthPrefix + 1 + Integer.BYTES + 3 * value.length() + 1; // UTF-8 takes up to 3 bytes a char
        }
        return lengthPrefix + 256;
    }

    @Override
    public void write(WriteBuffer buffer, Object position) {
        if (Missing.isNullOrMissing(position)) {
            buffer.putVarInt(1).put(MISSING);
        } else if (position instanceof ObjectId objectId) {
            buffer.putVarInt(1 + BsonConstants.LENGTH_OBJECTID).put(BsonConstants.TYPE_OBJECT_ID).put(objectId.toByteArray());
        } else if (position instanceof Long value) {
            buffer.putVarInt(1 + Long.BYTES).put(BsonConstants.TYPE_INT64).putLong(Long.reverseBytes(value));
        } else if (position instanceof Integer value) {
            buffer.putVarInt(1 + Integer.BYTES).put(BsonConstants.TYPE_INT32).putInt(Integer.reverseBytes(value));
        } else if (position instanceof String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            buffer.putVarInt(1 + Integer.BYTES + utf8.length + 1).put(BsonConstants.TYPE_UTF8_STRING)
                .putInt(Integer.reverseBytes(utf8.length + 1)).put(utf8).put((byte) 0);
        } else {
            writeWithCodec(buffer, position);
        }
    }

    private static void writeWithCodec(WriteBuffer buffer, Object position) {
        byte type = BsonEncoder.determineType(position);
        ByteBuf encoded = Unpooled.buffer(32);
        try {
            encoded.writeByte(type);
            BsonEncoder.encodeValue(type, position, encoded);
            buffer.putVarInt(encoded.readableBytes());
            buffer.put(encoded.nioBuffer());
        } finally {
            encoded.release();
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        byte type = buffer.get();
        switch (type) {
            case MISSING:
                return Missing.getInstance();
            case BsonConstants.TYPE_OBJECT_ID: {
                byte[] bytes = new byte[BsonConstants.LENGTH_OBJECTID];
                buffer.get(bytes);
                return new ObjectId(bytes);
            }
            case BsonConstants.TYPE_INT64:
                return Long.reverseBytes(buffer.getLong());
            case BsonConstants.TYPE_INT32:
                return Integer.reverseBytes(buffer.getInt());
            case BsonConstants.TYPE_UTF8_STRING: {
                byte[] utf8 = new byte[Integer.reverseBytes(buffer.getInt()) - 1];
                buffer.get(utf8);
                buffer.get(); // terminating zero
                return new String(utf8, StandardCharsets.UTF_8);
            }
            default: {
                byte[] bytes = new byte[length - 1];
                buffer.get(bytes);
                return BsonDecoder.decodeValue(type, Unpooled.wrappedBuffer(bytes));
            }
        }
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
