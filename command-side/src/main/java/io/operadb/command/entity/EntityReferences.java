package io.operadb.command.entity;

import io.operadb.api.entity.EntityRef;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;

/** Checks that entities referenced by a command's {@code ref} parameters exist in the same account. */
@Component
public class EntityReferences {

    private final EventStore eventStore;

    public EntityReferences(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void requireExisting(String account, List<EntityRef> references) {
        List<FieldError> missing = references.stream()
                .filter(ref -> eventStore.lastSequenceNumberFor(
                        AggregateIds.entity(account, ref.schema(), ref.id())).isEmpty())
                .map(ref -> new FieldError(ref.path(), "no " + ref.schema() + " with id " + ref.id()))
                .toList();
        if (!missing.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "a referenced entity does not exist", missing);
        }
    }
}
