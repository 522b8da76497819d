package io.operadb.command.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.PublishSchemaCommand;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.command.account.AccountAggregate;
import io.operadb.command.account.AccountDirectory;
import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/** Publishing schema versions: the whole of adding a module to OperaDB. */
@RestController
public class SchemaController {

    private final CommandGateway commands;
    private final SchemaCompiler compiler;
    private final SchemaCatalog catalog;
    private final AccountDirectory directory;
    private final ActorResolver actors;
    private final io.operadb.command.signature.SignedCommands signed;

    public SchemaController(CommandGateway commands, SchemaCompiler compiler, SchemaCatalog catalog,
                            AccountDirectory directory, ActorResolver actors,
                            io.operadb.command.signature.SignedCommands signed) {
        this.signed = signed;
        this.commands = commands;
        this.compiler = compiler;
        this.catalog = catalog;
        this.directory = directory;
        this.actors = actors;
    }

    @PostMapping("/api/accounts/{account}/schemas")
    public ResponseEntity<Map<String, Object>> publish(@PathVariable String account, @RequestBody JsonNode document,
                                                       HttpServletRequest request) {
        String actorId = actors.require(request);
        ActorContext actor = directory.actorIn(account, actorId);
        if (!actor.hasRole(AccountAggregate.ADMIN)) {
            throw new OperaDbException(ProblemKind.FORBIDDEN, "only an admin may publish schemas");
        }
        CompiledSchema compiled = compiler.compile(document);
        String schemaId = compiled.schemaId();
        commands.sendAndWait(signed.of(new PublishSchemaCommand(AggregateIds.schema(account, schemaId), account,
                schemaId, compiled.version(), document, actor.actorId()), request));
        catalog.evict(account, schemaId);
        return ResponseEntity.created(URI.create("/api/accounts/" + account + "/schemas/" + schemaId + "/versions/"
                        + compiled.version()))
                .body(Map.of("schemaId", schemaId, "version", compiled.version()));
    }
}
