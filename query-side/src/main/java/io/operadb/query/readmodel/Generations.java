package io.operadb.query.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which generation of the read models serves what (pure, immutable; persisted by {@link ReadModelGenerations}).
 * <p>
 * {@code base} serves every account; {@code overrides} map a scope key ({@code acme} or {@code acme/ticket}) to the
 * generation a scoped replay built for it. An account override covers all five models of the account; a schema
 * override covers only the {@code entities} of that schema (the account's event feed and schema documents are
 * immutable copies of events, refreshed in place; see decision record 0030).
 *
 * @param base      generation serving everything without an override
 * @param overrides scope key to generation
 * @param last      the highest generation ever allocated (never reused, so a crashed attempt leaves no clash)
 * @param building  the replay under way, or null
 * @param retired   generations (or parts of them, by scope) no longer read, waiting to be dropped
 */
public record Generations(int base, Map<String, Integer> overrides, int last, Rebuild building,
                          List<Retired> retired) {

    public static final Generations INITIAL = new Generations(0, Map.of(), 0, null, List.of());

    public Generations {
        overrides = Map.copyOf(overrides);
        retired = List.copyOf(retired);
    }

    /** A replay under way: into which generation, of what, since when, over how many stored events. */
    public record Rebuild(int generation, ReplayScope scope, Instant startedAt, long eventsTotal) {
    }

    /** What a switch left behind: the documents of {@code scope} in {@code generation} (all of it for {@code *}). */
    public record Retired(int generation, ReplayScope scope) {
    }

    /** The generation serving the entities of one schema of one account. */
    public int entities(String account, String schema) {
        Integer bySchema = overrides.get(account + "/" + schema);
        return bySchema != null ? bySchema : ofAccount(account);
    }

    /** The generation serving the account-wide models (event feed, schemas, account, actors) of one account. */
    public int ofAccount(String account) {
        return account == null ? base : overrides.getOrDefault(account, base);
    }

    /** The collections reads of this account (and schema) use now. */
    public Routes routes(String account, String schema) {
        int accountGeneration = ofAccount(account);
        return new Routes(ReadModels.collection(ReadModels.ENTITIES,
                schema == null ? accountGeneration : entities(account, schema)),
                ReadModels.collection(ReadModels.EVENTS, accountGeneration),
                ReadModels.collection(ReadModels.SCHEMAS, accountGeneration),
                ReadModels.collection(ReadModels.ACCOUNTS, accountGeneration),
                ReadModels.collection(ReadModels.ACTORS, accountGeneration));
    }

    /**
     * Where the rebuild writes an event of this account and schema (schema null for account-level events), or null
     * when the event is outside the rebuild's scope.
     */
    public Routes rebuildRoutes(String account, String schema) {
        if (building == null) {
            return routes(account, schema);
        }
        ReplayScope scope = building.scope();
        int g = building.generation();
        if (scope.isSchema()) {
            if (!scope.covers(account, schema) || schema == null) {
                return null;
            }
            Routes live = routes(account, schema);
            return new Routes(ReadModels.collection(ReadModels.ENTITIES, g), live.events(), live.schemas(),
                    live.accounts(), live.actors());
        }
        if (!scope.covers(account, schema)) {
            return null;
        }
        return new Routes(ReadModels.collection(ReadModels.ENTITIES, g), ReadModels.collection(ReadModels.EVENTS, g),
                ReadModels.collection(ReadModels.SCHEMAS, g), ReadModels.collection(ReadModels.ACCOUNTS, g),
                ReadModels.collection(ReadModels.ACTORS, g));
    }

    /** The collections a rebuild into generation {@code g} of {@code scope} creates. */
    public static List<String> collectionsOf(int g, ReplayScope scope) {
        if (scope.isSchema()) {
            return List.of(ReadModels.collection(ReadModels.ENTITIES, g));
        }
        List<String> all = new ArrayList<>();
        for (String model : ReadModels.ALL) {
            all.add(ReadModels.collection(model, g));
        }
        return all;
    }

    public Generations startRebuild(ReplayScope scope, Instant at, long eventsTotal) {
        if (building != null) {
            throw new IllegalStateException("a replay of " + building.scope() + " is under way");
        }
        int next = last + 1;
        return new Generations(base, overrides, next, new Rebuild(next, scope, at, eventsTotal), retired);
    }

    /**
     * The switch: the rebuilt generation serves its scope from now on, in one step. What served the scope before
     * is retired: whole generations nothing routes to any more, or the scope's documents in generations still
     * serving others.
     */
    public Generations switchOver() {
        if (building == null) {
            throw new IllegalStateException("no replay under way");
        }
        ReplayScope scope = building.scope();
        int g = building.generation();
        Set<Integer> before = inUse();
        int newBase = base;
        Map<String, Integer> newOverrides = new LinkedHashMap<>(overrides);
        List<Retired> newRetired = new ArrayList<>(retired);
        if (scope.isAll()) {
            newBase = g;
            newOverrides.clear();
        } else if (scope.isSchema()) {
            newRetired.add(new Retired(entities(scope.account(), scope.schema()), scope));
            newOverrides.put(scope.key(), g);
        } else {
            newRetired.add(new Retired(ofAccount(scope.account()), scope));
            overrides.forEach((key, generation) -> {
                if (key.startsWith(scope.account() + "/")) {
                    newRetired.add(new Retired(generation, ReplayScope.ofKey(key)));
                    newOverrides.remove(key);
                }
            });
            newOverrides.put(scope.key(), g);
        }
        Generations after = new Generations(newBase, newOverrides, last, null, newRetired);
        // a generation nothing routes to any more goes whole
        Set<Integer> unused = new HashSet<>(before);
        unused.removeAll(after.inUse());
        List<Retired> finalRetired = new ArrayList<>();
        for (Retired r : newRetired) {
            if (!unused.contains(r.generation())) {
                finalRetired.add(r);
            }
        }
        unused.forEach(u -> finalRetired.add(new Retired(u, ReplayScope.ALL)));
        return new Generations(newBase, newOverrides, last, null, finalRetired);
    }

    public Generations withoutRetired(Retired done) {
        List<Retired> rest = new ArrayList<>(retired);
        rest.remove(done);
        return new Generations(base, overrides, last, building, rest);
    }

    /** Every generation something routes to. */
    public Set<Integer> inUse() {
        Set<Integer> used = new HashSet<>(overrides.values());
        used.add(base);
        return used;
    }
}
