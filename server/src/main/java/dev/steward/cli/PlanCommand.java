package dev.steward.cli;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.AttestationVoids;
import dev.steward.git.CatalogRepository;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.PlanCommits;
import dev.steward.git.SyncSettings;
import dev.steward.plan.Approvals;
import dev.steward.plan.Plan;
import dev.steward.plan.PlanFormat;
import dev.steward.plan.PlanService;
import dev.steward.rca.ActionSla;
import dev.steward.rca.IncidentService;
import dev.steward.readiness.ReadinessGate;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.resolve.Blocker;
import dev.steward.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steward plan}: what a pull request changes and who must approve it. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Compare two commits entity by entity: the kind of each change and who must approve it.",
                "Rules and group membership come from --base, so a pull request cannot approve itself.",
                "Exit 0 when every approval holds (or nothing needs one), 1 when some are missing or the head does not",
                "validate, 2 on usage or I/O errors."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Option(names = "--base", required = true, paramLabel = "REF", description = "The commit the pull request merges into.")
    String base;

    @Option(names = "--head", defaultValue = "HEAD", paramLabel = "REF", description = "The pull request's commit (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--approved-by", paramLabel = "USERS", description = "Who approved, e.g. user:alice,user:bob.")
    String approvedBy;

    @Option(names = "--approved-by-github", paramLabel = "LOGINS",
            description = "GitHub logins that approved, matched to users by their github.com/user-login annotation.")
    String approvedByGithub;

    @Option(names = "--approved-by-gitlab", paramLabel = "LOGINS",
            description = "GitLab usernames that approved, matched to users by their gitlab.com/user-login annotation.")
    String approvedByGitlab;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json, markdown (a PR comment) or github (Actions annotations) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--db", paramLabel = "FILE|URL",
            description = "Steward's store (SQLite file or PostgreSQL URL): overdue incident follow-ups that block changes, and the readiness attestations and waivers that gate production.")
    String db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PlanFormat output = json ? PlanFormat.json : PlanFormat.parse(format);
        var approvals = new LinkedHashSet<>(Approvals.parse(approvedBy));
        try (CatalogRepository repository = source.openRepository()) {
            CommitCatalogs commits = new CommitCatalogs(repository, new SyncSettings(source.ref, source.catalogPath,
                    source.runbooksPath, Duration.ZERO, source.limits().maxFileBytes(), 0),
                    source.loader(ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS), null);
            PlanService plans = new PlanService(new PlanCommits(commits), source.plugins()::changeClassifiers);
            PlanService.Revisions revisions = plans.load(base, head);
            approvals.addAll(approvalsByLogin(revisions.base()));
            Database store = db == null ? null : Database.open(db);
            Function<EntityRef, List<Blocker>> blockers =
                    store == null ? ref -> List.of() : new IncidentService(
                            store, null, Clock.systemUTC(), ActionSla.DEFAULT)::blockers;
            // Attestations and waivers come from the store when one is given; without one they are pending.
            var evidence = store == null ? null : ReadinessService.read(store);
            var gate = new ReadinessGate(evidence == null ? null : () -> evidence,
                    new AttestationVoids(repository, source.catalogPath), Clock.systemUTC());
            Plan plan = plans.plan(revisions, approvals, blockers, gate);
            if (store != null) store.close();
            PrintWriter out = spec.commandLine().getOut();
            out.print(output.render(plan));
            if (output == PlanFormat.json) out.println();
            out.flush();
            return plan.satisfied() ? Main.OK : Main.FINDINGS;
        }
    }

    /** The users whose code-host logins approved, by the base's annotations; unknown logins are reported. */
    private Set<EntityRef> approvalsByLogin(Catalog base) {
        List<String> unknown = new ArrayList<>();
        Set<EntityRef> users = new LinkedHashSet<>();
        users.addAll(Approvals.fromLogins(base, "github.com/user-login", approvedByGithub, unknown));
        users.addAll(Approvals.fromLogins(base, "gitlab.com/user-login", approvedByGitlab, unknown));
        unknown.forEach(login -> spec.commandLine().getErr()
                .println("steward: approval by '" + login + "' ignored: no user in the catalog has that login"));
        return users;
    }
}
