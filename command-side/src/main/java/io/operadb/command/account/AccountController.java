package io.operadb.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.account.CreateAccountCommand;
import io.operadb.api.account.RegisterActorCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.naming.Names;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.command.builtin.BuiltinModules;
import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creating accounts (each with the built-in modules) and registering actors in them. */
@RestController
public class AccountController {

    private final CommandGateway commands;
    private final AccountDirectory directory;
    private final ActorResolver actors;
    private final BuiltinModules builtinModules;

    public AccountController(CommandGateway commands, AccountDirectory directory, ActorResolver actors,
                             BuiltinModules builtinModules) {
        this.commands = commands;
        this.directory = directory;
        this.actors = actors;
        this.builtinModules = builtinModules;
    }

    @PostMapping("/api/accounts")
    public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String account = ActorRegistrationReader.text(body.get("account"));
        if (!Names.isAccount(account)) {
            errors.add(new FieldError("account", "must match " + Names.ACCOUNT.pattern()));
        }
        ActorRegistration owner = ActorRegistrationReader.read(body.get("owner"), "owner",
                Set.of(AccountAggregate.ADMIN), errors);
        rejectIfAny(errors);
        String requestedBy = actors.resolve(request).orElse(owner.actorId());
        commands.sendAndWait(new CreateAccountCommand(AggregateIds.account(account), account, owner, requestedBy));
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
        commands.sendAndWait(new RegisterActorCommand(AggregateIds.account(account), account, actor, registeredBy));
        directory.evict(account);
        return ResponseEntity.created(URI.create("/api/accounts/" + account + "/actors/" + actor.actorId()))
                .body(Map.of("account", account, "actorId", actor.actorId(), "roles", actor.roles(),
                        "keys", actor.keys()));
    }

    private static void rejectIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the request body is not valid", errors);
        }
    }
}
