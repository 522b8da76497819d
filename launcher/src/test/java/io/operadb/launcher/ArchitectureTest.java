package io.operadb.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies point one way; only the launcher wires the modules together. */
class ArchitectureTest {

    private static final String API = "io.operadb.api..";
    private static final String COMMAND = "io.operadb.command..";
    private static final String QUERY = "io.operadb.query..";
    private static final String EVENT_STORE = "io.operadb.eventstore..";
    private static final String WEB = "io.operadb.web..";
    private static final String EMBEDDED_MONGO = "io.operadb.embeddedmongo..";
    private static final String LAUNCHER = "io.operadb.launcher..";
    private static final String SIGNING = "io.operadb.signing..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.operadb");
    }

    @Test
    void shared_api_depends_on_no_other_module() {
        noClasses().that().resideInAPackage(API).should().dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY, EVENT_STORE, WEB, EMBEDDED_MONGO, LAUNCHER)
                .check(classes);
    }

    @Test
    void the_signing_protocol_stands_alone_for_clients_and_servers_alike() {
        noClasses().that().resideInAPackage(SIGNING).should().dependOnClassesThat()
                .resideInAnyPackage(API, COMMAND, QUERY, EVENT_STORE, WEB, EMBEDDED_MONGO, LAUNCHER,
                        "org.springframework..")
                .check(classes);
        noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAPackage(SIGNING)
                .check(classes);
    }

    @Test
    void shared_api_knows_no_spring_nor_mongodb() {
        noClasses().that().resideInAPackage(API).should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..")
                .check(classes);
    }

    @Test
    void the_command_side_and_the_query_side_never_depend_on_each_other() {
        noClasses().that().resideInAPackage(COMMAND).should().dependOnClassesThat().resideInAPackage(QUERY)
                .check(classes);
        noClasses().that().resideInAPackage(QUERY).should().dependOnClassesThat().resideInAPackage(COMMAND)
                .check(classes);
    }

    @Test
    void the_embedded_mongodb_is_generic_and_knows_nothing_of_operadb() {
        noClasses().that().resideInAPackage(EMBEDDED_MONGO).should().dependOnClassesThat()
                .resideInAnyPackage(API, COMMAND, QUERY, EVENT_STORE, WEB, LAUNCHER)
                .check(classes);
    }

    @Test
    void the_event_store_wiring_is_generic_too() {
        noClasses().that().resideInAPackage(EVENT_STORE).should().dependOnClassesThat()
                .resideInAnyPackage(API, COMMAND, QUERY, WEB, EMBEDDED_MONGO, LAUNCHER)
                .check(classes);
    }

    @Test
    void web_support_knows_only_the_shared_api() {
        noClasses().that().resideInAPackage(WEB).should().dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY, EVENT_STORE, EMBEDDED_MONGO, LAUNCHER)
                .check(classes);
    }

    @Test
    void only_the_launcher_wires_the_embedded_mongodb_in() {
        noClasses().that().resideInAnyPackage(API, COMMAND, QUERY, EVENT_STORE, WEB).should()
                .dependOnClassesThat().resideInAPackage(EMBEDDED_MONGO)
                .check(classes);
        noClasses().that().resideOutsideOfPackage(LAUNCHER).should().dependOnClassesThat()
                .resideInAPackage(LAUNCHER)
                .check(classes);
    }
}
