package dev.steward.cli;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Role;
import dev.steward.json.Json;
import dev.steward.resolve.NotFoundException;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.resolve.Via;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code steward who}: the same answer as {@code GET /api/who}, from the command line. */
@Command(name = "who", mixinStandardHelpOptions = true,
        description = {"Who approves (a change) or handles (a duty) RESPONSIBILITY for ENTITY, and why.",
                "Exit 0 with an answer, 1 when the catalog does not validate, 2 for an unknown name or I/O error."})
final class WhoCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Parameters(index = "0", paramLabel = "ENTITY", description = "[kind:][namespace/]name, or a unique name.")
    String entity;

    @Parameters(index = "1", paramLabel = "RESPONSIBILITY", description = "e.g. partition-evolution, incident-rca.")
    String responsibility;

    @Option(names = "--json", description = "Print the JSON answer of GET /api/who.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = source.load(false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!SourceOptions.requireValid(catalog, err)) return Main.FINDINGS;
        Resolution answer;
        try {
            EntityRef ref = EntityLookup.find(catalog, entity).ref();
            answer = Resolver.resolve(catalog, ref, responsibility);
        } catch (EntityLookup.LookupException | NotFoundException e) {
            err.println("steward: " + e.getMessage());
            return Main.USAGE_OR_IO;
        }
        if (json) {
            out.println(Json.pretty(answer));
        } else {
            print(answer, out);
        }
        out.flush();
        return Main.OK;
    }

    static void print(Resolution r, PrintWriter out) {
        out.printf("%s on %s: %s (%s)%n", r.responsibility(), r.entity(), r.status().label(), r.type());
        if (r.owner() != null) out.printf("  %-12s %s%n", "owner", describe(r.owner()));
        for (Role role : Role.values()) {
            List<Party> parties = r.parties(role);
            if (parties.isEmpty()) continue;
            String label = role.field();
            for (Party p : parties) {
                out.printf("  %-12s %s%n", label, describe(p));
                label = "";
                for (Via v : p.via()) out.printf("  %-12s   via %s%n", "", describe(v));
            }
        }
        if (r.runbook() != null) out.printf("  %-12s %s%n", "runbook", r.runbook());
        if (r.note() != null) out.printf("  %-12s %s%n", "note", r.note());
        out.printf("  %-12s %s%n", "commit", r.commit());
    }

    private static String describe(Party p) {
        String members = p.members().stream().map(EntityRef::name).collect(Collectors.joining(", "));
        return p.ref() + (p.min() > 1 ? " (min " + p.min() + ")" : "") + " [" + members + "]";
    }

    private static String describe(Via v) {
        String token = v.token() == null ? "" : " as " + v.token()
                + (v.entities() == null ? "" : " of " + v.entities().stream().map(EntityRef::toString)
                .collect(Collectors.joining(", ")));
        return v.policy() + " rule " + v.rule() + " (" + v.scope() + ")" + token + " at " + v.location();
    }
}
