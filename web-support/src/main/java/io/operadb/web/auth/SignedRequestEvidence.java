package io.operadb.web.auth;

import io.operadb.api.account.ActorKey;

/**
 * What a signed request proved, kept so that an event can carry it: the exact canonical string signed, the signature,
 * the key that verified it (null while the key is still to be checked, for a new account's owner) and the body.
 */
public record SignedRequestEvidence(String canonical, String signature, ActorKey key, String body) {

    public SignedRequestEvidence withKey(ActorKey verifiedKey) {
        return new SignedRequestEvidence(canonical, signature, verifiedKey, body);
    }
}
