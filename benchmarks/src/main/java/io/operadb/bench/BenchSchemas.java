package io.operadb.bench;

/** The schemas the benchmark publishes in its own account: the workload is defined here, not in the product. */
final class BenchSchemas {

    static final String COUNTER = "counter";
    static final String LEDGER = "ledger";

    private BenchSchemas() {
    }

    /** The smallest useful entity: an owner and an integer that actions add to. */
    static String counter() {
        return """
                {
                  "schemaId": "counter",
                  "version": 1,
                  "description": "Benchmark: an integer that actions add to",
                  "fields": {
                    "owner": {"type": "actor"},
                    "total": {"type": "integer"}
                  },
                  "actions": {
                    "open": {
                      "creates": true,
                      "reduce": [{"set": "owner", "to": "actor"}, {"set": "total", "to": "0"}]
                    },
                    "bump": {
                      "params": {"by": {"type": "integer", "required": true}},
                      "reduce": [{"add": "total", "by": "params.by"}]
                    }
                  }
                }
                """;
    }

    /**
     * A coin: one entity whose state maps each holder to an exact decimal balance that may not go negative. It is
     * issued with every opening balance at once (a map parameter), and a transfer moves an amount between two
     * holders: run by the sending holder, or by an admin on the holder's behalf (an admin passes every allow),
     * which spares registering a thousand actors before the run.
     * <p>
     * The guard runs on CEL, where decimals are doubles; the steps that move the amount keep it exact. The
     * explicit {@code double()} is needed: CEL (dev.cel 0.14) finds no {@code >=} overload for a map element
     * compared with a dyn parameter, and a guard whose evaluation fails counts as failed.
     */
    static String ledger() {
        return """
                {
                  "schemaId": "ledger",
                  "version": 1,
                  "description": "Benchmark: coin balances of many holders, moved by transfers",
                  "fields": {
                    "issuer": {"type": "actor"},
                    "balances": {"type": "map", "values": {"type": "decimal", "min": 0}}
                  },
                  "actions": {
                    "issue": {
                      "creates": true,
                      "params": {"opening": {"type": "map", "required": true,
                                             "values": {"type": "decimal", "min": 0}}},
                      "reduce": [{"set": "issuer", "to": "actor"}, {"set": "balances", "to": "params.opening"}]
                    },
                    "transfer": {
                      "params": {
                        "from": {"type": "actor", "required": true},
                        "to": {"type": "actor", "required": true},
                        "amount": {"type": "decimal", "required": true, "min": 0}
                      },
                      "allow": ["actor == params.from"],
                      "require": [
                        {"rule": "params.to != params.from", "message": "a transfer needs two holders"},
                        {"rule": "params.from in state.balances && double(state.balances[params.from]) >= double(params.amount)",
                         "message": "insufficient balance"}
                      ],
                      "reduce": [
                        {"subtract": "balances[params.from]", "by": "params.amount"},
                        {"add": "balances[params.to]", "by": "params.amount"}
                      ]
                    }
                  }
                }
                """;
    }
}
