package io.operadb.web.auth;

/** How a request proved who sent it. */
public enum Credential {
    /** A request signed with one of the actor's keys. */
    SIGNATURE,
    /** A bearer token issued to the actor by a signed login. */
    TOKEN
}
