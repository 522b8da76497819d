package io.operadb.query.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.account.AccountActors;
import io.operadb.api.account.ActorKey;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.signature.SignatureMetadata;
import io.operadb.api.schema.Timestamps;
import io.operadb.signing.CanonicalRequest;
import io.operadb.signing.Ed25519;
import io.operadb.signing.Eip191;
import io.operadb.signing.InvalidSignatureException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does a stored entity event hold up against the signed request kept with it? Every link is checked: the body against
 * the hash that was signed, the signed path and body against the event (account, schema, entity, action, data), the
 * signature against the key, and the key against what the actor held when the event happened. Pure: the caller
 * supplies the event, its metadata and the account's actors as they were then.
 */
public final class SignedEventCheck {

    private static final Pattern CREATE = Pattern.compile("^/api/accounts/([^/?]+)/entities/([^/?]+)(?:\\?.*)?$");
    private static final Pattern ACTION =
            Pattern.compile("^/api/accounts/([^/?]+)/entities/([^/?]+)/([^/?]+)/([^/?]+)(?:\\?.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedEventCheck() {
    }

    public record Result(boolean verified, String actor, Map<String, String> key, String reason, Instant signedAt) {
    }

    public static Result check(EntityEvent event, Map<String, ?> metadata, AccountActors actorsThen,
                               JsonNode eventData) {
        String canonicalText = text(metadata.get(SignatureMetadata.SIGNED_REQUEST));
        String signature = text(metadata.get(SignatureMetadata.SIGNATURE));
        String keyType = text(metadata.get(SignatureMetadata.KEY_TYPE));
        String keyValue = text(metadata.get(SignatureMetadata.KEY));
        String body = text(metadata.get(SignatureMetadata.BODY));
        if (canonicalText == null || signature == null || keyType == null || keyValue == null || body == null) {
            return refused(event, null, null, "the event was not made by a signed request (a token or an internal"
                    + " command made it), so there is no signature to check");
        }
        Map<String, String> key = new java.util.LinkedHashMap<>();
        key.put("type", keyType);
        key.put("secp256k1".equals(keyType) ? "address" : "publicKey", keyValue);
        Optional<CanonicalRequest> parsed = CanonicalRequest.parse(canonicalText);
        if (parsed.isEmpty()) {
            return refused(event, key, null, "the stored signed request is not a canonical request string");
        }
        CanonicalRequest canonical = parsed.get();
        Instant signedAt = Instant.ofEpochMilli(canonical.timestamp());
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        if (!CanonicalRequest.sha256Hex(bodyBytes).equals(canonical.bodySha256())) {
            return refused(event, key, signedAt, "the stored body does not match the SHA-256 that was signed");
        }
        String mismatch = requestMatchesEvent(canonical, bodyBytes, event, eventData);
        if (mismatch != null) {
            return refused(event, key, signedAt, mismatch);
        }
        if (!signatureHolds(canonical, signature, keyType, keyValue)) {
            return refused(event, key, signedAt, "the signature does not verify against the key");
        }
        if (!heldKey(actorsThen, event.actor(), keyType, keyValue)) {
            return refused(event, key, signedAt, "actor " + event.actor() + " did not hold this key when the event"
                    + " happened");
        }
        return new Result(true, event.actor(), key, null, signedAt);
    }

    private static String requestMatchesEvent(CanonicalRequest canonical, byte[] body, EntityEvent event,
                                              JsonNode eventData) {
        if (!"POST".equals(canonical.method()) || !event.account().equals(canonical.account())) {
            return "the signed request was not a command in account " + event.account();
        }
        JsonNode signedBody;
        try {
            signedBody = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return "the signed body is not JSON";
        }
        Matcher action = ACTION.matcher(canonical.pathWithQuery());
        Matcher create = CREATE.matcher(canonical.pathWithQuery());
        if (action.matches()) {
            if (!action.group(1).equals(event.account()) || !action.group(2).equals(event.schema())
                    || !action.group(3).equals(event.entityId()) || !action.group(4).equals(event.action())) {
                return "the signed request was for another entity or action";
            }
        } else if (create.matches()) {
            JsonNode id = signedBody.path("id");
            if (!create.group(1).equals(event.account()) || !create.group(2).equals(event.schema())
                    || event.version() != 1 || (id.isTextual() && !id.asText().equals(event.entityId()))) {
                return "the signed request was for another entity";
            }
        } else {
            return "the signed request was not an entity command";
        }
        JsonNode signedData = signedBody.path("data");
        if (!sameData(signedData.isMissingNode() || signedData.isNull() ? JSON.createObjectNode() : signedData,
                eventData)) {
            return "the event's data differs from the data that was signed";
        }
        return null;
    }

    private static boolean signatureHolds(CanonicalRequest canonical, String signature, String keyType, String key) {
        try {
            if ("secp256k1".equals(keyType)) {
                return Eip191.recoverAddress(canonical.bytes(), signature).equalsIgnoreCase(key);
            }
            return Ed25519.verify(key, canonical.bytes(), signature);
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    private static boolean heldKey(AccountActors actors, String actorId, String keyType, String key) {
        if (!actors.isActive(actorId)) {
            return false;
        }
        if ("secp256k1".equals(keyType) && key.equalsIgnoreCase(actorId)) {
            return true;
        }
        ActorRegistration actor = actors.actor(actorId).orElseThrow();
        for (ActorKey held : actor.keys()) {
            String value = "secp256k1".equals(held.type()) ? held.address() : held.publicKey();
            if (keyType.equals(held.type()) && value != null && value.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The signed data against the event's validated data in wire form: numbers and decimal strings by value, actor
     * addresses without regard to case, timestamps by instant; fields the schema filled in are not in the signed body.
     */
    static boolean sameData(JsonNode signed, JsonNode stored) {
        if (signed.isObject() && stored.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = signed.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull() && !stored.has(field.getKey())) {
                    continue;
                }
                if (!stored.has(field.getKey()) || !sameData(field.getValue(), stored.get(field.getKey()))) {
                    return false;
                }
            }
            for (Iterator<String> it = stored.fieldNames(); it.hasNext(); ) {
                if (!signed.has(it.next())) {
                    return false;
                }
            }
            return true;
        }
        if (signed.isArray() && stored.isArray()) {
            if (signed.size() != stored.size()) {
                return false;
            }
            for (int i = 0; i < signed.size(); i++) {
                if (!sameData(signed.get(i), stored.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (signed.isValueNode() && stored.isValueNode()) {
            if (signed.equals(stored)) {
                return true;
            }
            BigDecimal a = decimal(signed);
            BigDecimal b = decimal(stored);
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
            if (signed.isTextual() && stored.isTextual()) {
                String x = signed.asText();
                String y = stored.asText();
                if (x.equalsIgnoreCase(y) && x.toLowerCase(Locale.ROOT).startsWith("0x")) {
                    return true;
                }
                Instant ix = Timestamps.parse(x);
                Instant iy = Timestamps.parse(y);
                return ix != null && ix.equals(iy);
            }
        }
        return false;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Result refused(EntityEvent event, Map<String, String> key, Instant signedAt, String reason) {
        return new Result(false, event.actor(), key, reason, signedAt);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
