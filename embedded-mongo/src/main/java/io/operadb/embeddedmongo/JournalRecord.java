package io.operadb.embeddedmongo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One change of one document, as the {@link Journal} keeps it: the document at a position (its {@code _id}) of a
 * collection is now these BSON bytes ({@link Kind#PUT}), or is gone ({@link Kind#DELETE}). Records hold the
 * document's new state, not the operation that produced it, so replaying one is deterministic and applying it
 * twice changes nothing.
 * <p>
 * Framed as the body's length, its CRC-32C and the body, so that a record torn by a crash is recognised.
 */
record JournalRecord(Kind kind, String database, String collection, Object position, byte[] bson) {

    enum Kind {
        PUT, DELETE
    }

    /** Bytes before the body: its length and its checksum. */
    static final int FRAME_HEADER = 2 * Integer.BYTES;

    static JournalRecord put(String database, String collection, Object position, byte[] bson) {
        return new JournalRecord(Kind.PUT, database, collection, position, bson);
    }

    static JournalRecord delete(String database, String collection, Object position) {
        return new JournalRecord(Kind.DELETE, database, collection, position, null);
    }

    /** The framed record. */
    byte[] encode() {
        byte[] databaseBytes = database.getBytes(StandardCharsets.UTF_8);
        byte[] collectionBytes = collection.getBytes(StandardCharsets.UTF_8);
        byte[] positionBytes = PositionType.INSTANCE.toBytes(position);
        int bodyLength = 1 + Integer.BYTES + databaseBytes.length + Integer.BYTES + collectionBytes.length
            + Integer.BYTES + positionBytes.length + (kind == Kind.PUT ? Integer.BYTES + bson.length : 0);
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        frame.position(FRAME_HEADER);
        frame.put((byte) kind.ordinal());
        putBytes(frame, databaseBytes);
        putBytes(frame, collectionBytes);
        putBytes(frame, positionBytes);
        if (kind == Kind.PUT) {
            putBytes(frame, bson);
        }
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), FRAME_HEADER, bodyLength);
        frame.putInt(0, bodyLength).putInt(Integer.BYTES, (int) crc.getValue());
        return frame.array();
    }

    /**
     * The record framed at the buffer's position, advancing past it; null, leaving the position unchanged, if the
     * bytes there are not a whole, intact record (the torn end of a journal).
     */
    static JournalRecord decode(ByteBuffer buffer) {
        ByteBuffer in = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < FRAME_HEADER) {
            return null;
        }
        int bodyLength = in.getInt();
        int checksum = in.getInt();
        if (bodyLength <= 0 || bodyLength > in.remaining()) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(in.array(), in.arrayOffset() + FRAME_HEADER, bodyLength);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        try {
            Kind kind = Kind.values()[in.get()];
            String database = new String(getBytes(in), StandardCharsets.UTF_8);
            String collection = new String(getBytes(in), StandardCharsets.UTF_8);
            Object position = PositionType.INSTANCE.read(ByteBuffer.wrap(getBytes(in)));
            byte[] bson = kind == Kind.PUT ? getBytes(in) : null;
            buffer.position(buffer.position() + FRAME_HEADER + bodyLength);
            return new JournalRecord(kind, database, collection, position, bson);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null; // an intact checksum over a body this version cannot read: treated as the end
        }
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        buffer.putInt(bytes.length).put(bytes);
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("length " + length + " beyond the record");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
