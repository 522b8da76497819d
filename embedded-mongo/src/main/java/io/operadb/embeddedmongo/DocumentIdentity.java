package io.operadb.embeddedmongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The byte string appended to every index key to tell apart the entries of documents with equal
 * indexed values. It only has to be unique per document (the order among equal values is
 * arbitrary), so an {@code _id} whose sortable encoding is exact uses that, any other {@code _id}
 * (a sub-document, say) its BSON bytes.
 */
final class DocumentIdentity {

    private static final int MISSING = 0x00;
    private static final int SORTABLE = 0x01;
    private static final int BSON = 0x02;

    private DocumentIdentity() {
    }

    static byte[] encode(Object position) {
        KeyBytes bytes = new KeyBytes(24);
        if (Missing.isNullOrMissing(position)) {
            return bytes.put(MISSING).toArray();
        }
        bytes.put(SORTABLE);
        if (SortableValueEncoder.encode(position, bytes)) {
            return bytes.toArray();
        }
        KeyBytes bson = new KeyBytes(64).put(BSON);
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new Document("", position), buffer);
            byte[] encoded = new byte[buffer.readableBytes()];
            buffer.readBytes(encoded);
            return bson.put(encoded).toArray();
        } finally {
            buffer.release();
        }
    }
}
