package dev.steward.cli;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.json.Json;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.ChecklistReadiness;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.Evidence;
import dev.steward.readiness.ReadinessEvaluator;
import dev.steward.readiness.Voids;
import dev.steward.resolve.Party;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code steward readiness}: an entity's production readiness, offline from Git or as a server sees it. */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = {"The production readiness of ENTITY: each checklist's level and gate, and every check.",
                "Offline, rule checks are evaluated from Git and attestations show as pending; with --server URL the",
                "server's answer is shown, with its attestations and waivers.",
                "Exit 0 when ready, 1 when not ready (or the catalog does not validate), 2 for an unknown name or I/O error."})
final class ReadinessCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Parameters(index = "0", paramLabel = "ENTITY", description = "[kind:][namespace/]name, or a unique name.")
    String entity;

    @Option(names = "--json", description = "Print the JSON answer of GET /api/readiness?entity=ENTITY.")
    boolean json;

    @Option(names = "--server", paramLabel = "URL", description = "Ask a running Steward, e.g. http://localhost:7070.")
    String server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EntityReadiness answer;
        if (server != null) {
            answer = fromServer(err);
            if (answer == null) return Main.USAGE_OR_IO;
        } else {
            Catalog catalog = source.load(false);
            if (!SourceOptions.requireValid(catalog, err)) return Main.FINDINGS;
            Entity found;
            try {
                found = EntityLookup.find(catalog, entity);
            } catch (EntityLookup.LookupException e) {
                err.println("steward: " + e.getMessage());
                return Main.USAGE_OR_IO;
            }
            answer = new ReadinessEvaluator(catalog, Voids.BY_VALUE).evaluate(found, Evidence.NONE,
                    Clock.systemUTC().instant());
            if (answer == null) {
                out.println(found.ref() + ": no readiness checklist applies");
                out.flush();
                return Main.OK;
            }
        }
        if (json) out.println(Json.pretty(answer));
        else print(answer, out, server == null);
        out.flush();
        return answer.ready() ? Main.OK : Main.FINDINGS;
    }

    private EntityReadiness fromServer(PrintWriter err) throws IOException, InterruptedException {
        String url = server.replaceAll("/+$", "") + "/api/readiness?entity=" + URLEncoder.encode(entity, StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            err.println("steward: " + url + " answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        return Json.mapper().readValue(response.body(), EntityReadiness.class);
    }

    static void print(EntityReadiness r, PrintWriter out, boolean offline) {
        out.printf("%s: %s (level %s)%n", r.entity(), r.ready() ? "ready" : "NOT READY", r.level() == null ? "none" : r.level());
        for (ChecklistReadiness c : r.checklists()) {
            out.printf("  %s: level %s, gate %s%s%s%n", c.checklist(), c.level() == null ? "none" : c.level(), c.gate(),
                    c.ready() ? ", ready" : ", not ready", c.dueBy() == null ? "" : ", due by " + c.dueBy()
                            + (c.overdue() ? " (overdue)" : ""));
            for (CheckResult k : c.checks()) {
                out.printf("    %-8s %-28s %-7s %s%s%n", k.status().label(), k.id(), k.level(), k.kind(),
                        k.counts() ? "" : " (counts from " + k.effectiveFrom() + ")");
                if (k.attestation() != null) {
                    out.printf("             attested by %s: %s%s%n", k.attestation().actor(), k.attestation().evidence(),
                            k.attestation().expiresAt() == null ? "" : ", expires " + k.attestation().expiresAt());
                }
                if (k.waiver() != null) out.printf("             waiver until %s: %s%n", k.waiver().until(), k.waiver().reason());
                if (!k.mustAct().isEmpty()) out.printf("             must act: %s%n", names(k));
                if (k.message() != null && !k.status().met()) out.printf("             %s%n", k.message());
                if (k.runbook() != null && !k.status().met()) out.printf("             runbook: %s%n", k.runbook());
            }
        }
        if (offline) out.println("  (offline: attestations and waivers are in the server's store; use --server URL)");
        out.printf("  commit %s%n", r.commit());
    }

    private static String names(CheckResult k) {
        return k.mustAct().stream().map(Party::ref).map(EntityRef::toString).collect(Collectors.joining(", "));
    }
}
