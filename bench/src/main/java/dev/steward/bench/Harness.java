package dev.steward.bench;

/**
 * The load and fault harness in one command: read load under reload churn on a generated catalog,
 * then every fault. Exits 0 only when every target is met and every fault handled.
 *
 * <pre>java -Xmx4g -cp bench/target/steward-bench.jar dev.steward.bench.Harness [entities] [seconds] [clients] [postgres-url]</pre>
 */
public final class Harness {
    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String postgres = args.length > 3 ? args[3] : FaultHarness.defaultPostgres();
        System.out.println("== Read load under reload churn");
        boolean load = LoadHarness.run(size, seconds, clients);
        System.out.println();
        System.out.println("== Faults");
        boolean faults = FaultHarness.run(postgres);
        System.out.println();
        System.out.println(load && faults ? "HARNESS: every target met, every fault handled" : "HARNESS: see above");
        System.exit(load && faults ? 0 : 1);
    }
}
