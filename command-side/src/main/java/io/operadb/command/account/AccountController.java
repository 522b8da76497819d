package io.operadb.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.account.ActorKey;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.account.ActorStatus;
import io.operadb.api.account.ChangeActorStatusCommand;
import io.operadb.api.account.CreateAccountCommand;
import io.operadb.api.account.RegisterActorCommand;
import io.operadb.api.actor.ActorIds;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.naming.Names;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.command.builtin.BuiltinModules;
import io.operadb.command.signature.SignedCommands;
import io.operadb.signing.InvalidSignatureException;
import io.operadb.web.ActorResolver;
import io.operadb.web.auth.Credential;
import io.operadb.web.auth.OperaDbAuthentication;
import io.operadb.web.auth.SignatureCheck;
import io.operadb.web.auth.SignedRequestEvidence;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creating accounts (each with the built-in modules), registering actors, suspending and reactivating them. */
@RestController
public class AccountController {

    private final CommandGateway commands;
    private final AccountDirectory directory;
    private final ActorResolver actors;
    private final BuiltinModules builtinModules;
    private final SignedCommands signed;

    public AccountController(CommandGateway commands, AccountDirectory directory, ActorResolver actors,
                             BuiltinModules builtinModules, SignedCommands signed) {
        this.commands = commands;
        this.directory = directory;
        this.actors = actors;
        this.builtinModules = builtinModules;
        this.signed = signed;
    }

    /** Signed by the owner with one of the keys it registers: proof that the owner holds them. */
    @PostMapping("/api/accounts")
    public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, HttpServletRequest request) {
        OperaDbAuthentication authentication = actors.requireAuthentication(request);
        List<FieldError> errors = new ArrayList<>();
        String account = ActorRegistrationReader.text(body.get("account"));
        if (!Names.isAccount(account)) {
            errors.add(new FieldError("account", "must match " + Names.ACCOUNT.pattern()));
        }
        ActorRegistration owner = ActorRegistrationReader.read(body.get("owner"), "owner",
                Set.of(AccountAggregate.ADMIN), errors);
        rejectIfAny(errors);
        ActorKey ownerKey = proveOwnership(authentication, account, owner);
        SignedRequestEvidence evidence = authentication.evidence().orElseThrow().withKey(ownerKey);
        OperaDbAuthentication proven = new OperaDbAuthentication(account, owner.actorId(), Credential.SIGNATURE,
                evidence);
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(proven);
        commands.sendAndWait(signed.of(new CreateAccountCommand(AggregateIds.account(account), account, owner,
                owner.actorId()), request));
        directory.evict(account);
        // the built-in modules, in the same request; if this is cut short, the account's next request repairs it
        builtinModules.ensureInstalled(account);
        return ResponseEntity.created(URI.create("/api/accounts/" + account))
                .body(Map.of("account", account, "owner", owner));
    }

    @PostMapping("/api/accounts/{account}/actors")
    public ResponseEntity<Map<String, Object>> register(@PathVariable String account, @RequestBody JsonNode body,
                                                        HttpServletRequest request) {
        String registeredBy = actors.require(request);
        directory.require(account);
        List<FieldError> errors = new ArrayList<>();
        ActorRegistration actor = ActorRegistrationReader.read(body, "", Set.of(), errors);
        rejectIfAny(errors);
        commands.sendAndWait(signed.of(new RegisterActorCommand(AggregateIds.account(account), account, actor,
                registeredBy), request));
        directory.evict(account);
        return ResponseEntity.created(URI.create("/api/accounts/" + account + "/actors/" + actor.actorId()))
                .body(Map.of("account", account, "actorId", actor.actorId(), "roles", actor.roles(),
                        "keys", actor.keys()));
    }

    @PostMapping("/api/accounts/{account}/actors/{actorId}/suspend")
    public Map<String, Object> suspend(@PathVariable String account, @PathVariable String actorId,
                                       HttpServletRequest request) {
        return changeStatus(account, actorId, ActorStatus.SUSPENDED, request);
    }

    @PostMapping("/api/accounts/{account}/actors/{actorId}/reactivate")
    public Map<String, Object> reactivate(@PathVariable String account, @PathVariable String actorId,
                                          HttpServletRequest request) {
        return changeStatus(account, actorId, ActorStatus.ACTIVE, request);
    }

    private Map<String, Object> changeStatus(String account, String actorId, ActorStatus status,
                                             HttpServletRequest request) {
        String changedBy = actors.require(request);
        directory.require(account);
        if (!ActorIds.isValid(actorId)) {
            throw new OperaDbException(ProblemKind.NOT_FOUND, "no actor " + actorId + " in account " + account);
        }
        String target = ActorIds.normalize(actorId);
        commands.sendAndWait(signed.of(new ChangeActorStatusCommand(AggregateIds.account(account), account, target,
                status, changedBy), request));
        directory.evict(account);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("account", account);
        answer.put("actorId", target);
        answer.put("status", status.wireName());
        return answer;
    }

    private static ActorKey proveOwnership(OperaDbAuthentication authentication, String account,
                                           ActorRegistration owner) {
        SignedRequestEvidence evidence = authentication.evidence().filter(e ->
                authentication.credential() == Credential.SIGNATURE).orElseThrow(() -> new OperaDbException(
                ProblemKind.NOT_AUTHENTICATED, "creating an account must be a request signed by its owner"));
        if (!authentication.actorId().equals(owner.actorId())) {
            throw new OperaDbException(ProblemKind.FORBIDDEN, "the request is signed by "
                    + authentication.actorId() + ", not by the owner " + owner.actorId());
        }
        if (!authentication.account().equals(account)) {
            throw new OperaDbException(ProblemKind.NOT_AUTHENTICATED, "the signed account is "
                    + authentication.account() + ", not " + account);
        }
        Optional<ActorKey> key;
        try {
            key = SignatureCheck.signerKey(evidence.canonical().getBytes(StandardCharsets.UTF_8),
                    evidence.signature(), owner.actorId(), owner.keys());
        } catch (InvalidSignatureException e) {
            throw new OperaDbException(ProblemKind.NOT_AUTHENTICATED, "X-OperaDB-Signature is malformed: "
                    + e.getMessage());
        }
        return key.orElseThrow(() -> new OperaDbException(ProblemKind.NOT_AUTHENTICATED,
                "the signature was not made by one of the owner's keys (owner.keys), or the request was not signed"
                        + " as sent"));
    }

    private static void rejectIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the request body is not valid", errors);
        }
    }
}
