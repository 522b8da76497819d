package io.operadb.command.signature;

import io.operadb.api.account.ActorKey;
import io.operadb.api.signature.SignatureMetadata;
import io.operadb.web.ActorResolver;
import io.operadb.web.auth.SignedRequestEvidence;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Wraps a command with the signed request that asked for it; the correlation provider then copies that evidence onto
 * every event the command applies.
 */
@Component
public class SignedCommands {

    private final ActorResolver actors;

    public SignedCommands(ActorResolver actors) {
        this.actors = actors;
    }

    public CommandMessage<Object> of(Object command, HttpServletRequest request) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command);
        java.util.Optional<SignedRequestEvidence> evidence = actors.authentication(request)
                .flatMap(a -> a.evidence()).filter(e -> e.key() != null);
        return evidence.isPresent() ? message.andMetaData(metaData(evidence.get())) : message;
    }

    static MetaData metaData(SignedRequestEvidence evidence) {
        ActorKey key = evidence.key();
        Map<String, String> values = new HashMap<>();
        values.put(SignatureMetadata.SIGNED_REQUEST, evidence.canonical());
        values.put(SignatureMetadata.SIGNATURE, evidence.signature());
        values.put(SignatureMetadata.KEY_TYPE, key.type());
        values.put(SignatureMetadata.KEY, key.address() != null ? key.address() : key.publicKey());
        values.put(SignatureMetadata.BODY, evidence.body());
        return MetaData.from(values);
    }
}
