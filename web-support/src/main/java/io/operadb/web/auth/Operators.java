package io.operadb.web.auth;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;

import java.util.List;
import java.util.Locale;

/**
 * System operators (replays, dead letters) are named in configuration, outside any tenant's control:
 * {@code <account>/<actorId>} or {@code <account>/role:<role>}, {@code *} for any account.
 */
public class Operators {

    private final List<String> entries;
    private final ActorDirectory directory;

    public Operators(List<String> entries, ActorDirectory directory) {
        this.entries = entries.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
        this.directory = directory;
    }

    public boolean isOperator(OperaDbAuthentication actor) {
        KnownActor known = directory.find(actor.account(), actor.actorId()).orElse(null);
        if (known == null || !known.active()) {
            return false;
        }
        for (String entry : entries) {
            int slash = entry.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String account = entry.substring(0, slash);
            String who = entry.substring(slash + 1);
            if (!account.equals("*") && !account.equals(actor.account())) {
                continue;
            }
            if (who.startsWith("role:") ? known.roles().contains(who.substring(5))
                    : who.toLowerCase(Locale.ROOT).equals(actor.actorId().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public void require(OperaDbAuthentication actor) {
        if (!isOperator(actor)) {
            throw new OperaDbException(ProblemKind.FORBIDDEN, "only a system operator may do this (actor "
                    + actor.actorId() + " of account " + actor.account() + " is not one: see operadb.security.operators)");
        }
    }
}
