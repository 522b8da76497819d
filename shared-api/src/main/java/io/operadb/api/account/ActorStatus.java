package io.operadb.api.account;

/** Whether an actor may act: a suspended actor can do nothing, through any API, until reactivated. */
public enum ActorStatus {
    ACTIVE, SUSPENDED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
