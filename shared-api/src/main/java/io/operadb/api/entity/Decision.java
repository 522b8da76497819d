package io.operadb.api.entity;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an accepted command: the validated parameters in wire form (what the event stores),
 * the state they lead to (canonical values), and the entity references the caller should check exist.
 */
public record Decision(Map<String, Object> data, Map<String, Object> newState, List<EntityRef> references) {
}
