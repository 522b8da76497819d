package io.operadb.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Documents as BSON bytes, with the server's own encoder and decoder (the ones its wire protocol
 * uses), so every value a client can send is stored as it arrived.
 */
final class DocumentCodec {

    private static final int INITIAL_CAPACITY = 512;

    private DocumentCodec() {
    }

    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(INITIAL_CAPACITY);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}
