package io.operadb.embeddedmongo;

import java.nio.ByteBuffer;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * MVStore value type for index entries: the document's position (its {@code _id}) as one BSON value.
 * MVStore's default type would fall back to Java serialization for BSON types such as ObjectId, which
 * costs an ObjectInputStream per value whenever an index page is read.
 */
final class PositionType extends BasicDataType<Object> {

    static final PositionType INSTANCE = new PositionType();

    /** Not a BSON type: stands for a document without {@code _id}. */
    private static final byte MISSING = 0;

    private PositionType() {
    }

    @Override
    public int getMemory(Object position) {
        return 64;
    }

    @Override
    public void write(WriteBuffer buffer, Object position) {
        if (Missing.isNullOrMissing(position)) {
            buffer.putVarInt(1).put(MISSING);
            return;
        }
        byte type = BsonEncoder.determineType(position);
        ByteBuf encoded = Unpooled.buffer(32);
        try {
            encoded.writeByte(type);
            BsonEncoder.encodeValue(type, position, encoded);
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            buffer.putVarInt(bytes.length).put(bytes);
        } finally {
            encoded.release();
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        if (bytes[0] == MISSING) {
            return Missing.getInstance();
        }
        ByteBuf encoded = Unpooled.wrappedBuffer(bytes);
        byte type = encoded.readByte();
        return BsonDecoder.decodeValue(type, encoded);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
