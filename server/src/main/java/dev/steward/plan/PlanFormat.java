package dev.steward.plan;

import dev.steward.catalog.model.EntityRef;
import dev.steward.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways a plan is printed: JSON, plain text, a Markdown PR comment, GitHub Actions annotations. */
public enum PlanFormat {
    text, json, markdown, github;

    public String render(Plan plan) {
        return switch (this) {
            case json -> Json.pretty(plan);
            case text -> text(plan);
            case markdown -> markdown(plan);
            case github -> github(plan);
        };
    }

    private static String text(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("plan ").append(Planner.shortId(plan.base())).append("..").append(Planner.shortId(plan.head()))
                .append(": ").append(plan.changes().size()).append(" change").append(plan.changes().size() == 1 ? "" : "s")
                .append(", ").append(plan.satisfied() ? "all approvals hold" : plan.missingApprovals() + " approval(s) missing")
                .append(plan.readinessBlockers().isEmpty() ? "" : ", " + plan.readinessBlockers().size()
                        + " not ready for production")
                .append(plan.errors().isEmpty() ? "" : ", head does not validate").append('\n');
        plan.errors().forEach(e -> out.append("error ").append(e.path()).append(':').append(e.line()).append(": ")
                .append(e.message()).append('\n'));
        for (Plan.Change c : plan.changes()) {
            out.append(c.satisfied() ? "  ok      " : "  MISSING ").append(c.responsibility()).append(" on ")
                    .append(c.entity()).append(" (").append(c.change())
                    .append(c.paths().isEmpty() ? "" : ": " + String.join(", ", c.paths()))
                    .append(c.scope() == null ? "" : "; scope " + c.scope()).append(")\n");
            for (Plan.Approver a : c.approvers()) {
                out.append("            ").append(a.satisfied() ? "✓ " : "✗ ").append(a.ref()).append(' ')
                        .append(a.approvedBy().size()).append('/').append(a.min())
                        .append(a.approvedBy().isEmpty() ? "" : " by " + names(a.approvedBy()))
                        .append(a.satisfied() ? "" : "; any of " + names(a.members())).append('\n');
            }
            if (c.note() != null) out.append("            note: ").append(c.note()).append('\n');
            if (c.runbook() != null) out.append("            runbook: ").append(c.runbook()).append('\n');
            if (c.readiness() != null) out.append(ReadinessSection.text(c.readiness()));
        }
        return out.toString();
    }

    private static String markdown(Plan plan) {
        StringBuilder out = new StringBuilder();
        int notReady = plan.readinessBlockers().size();
        String verdict = !plan.errors().isEmpty() ? "❌ the catalog at the head does not validate"
                : notReady > 0 ? "⛔ " + notReady + " entit" + (notReady == 1 ? "y is" : "ies are") + " not ready for production"
                : plan.changes().isEmpty() ? "✅ no catalog changes need sign-off"
                : plan.satisfied() ? "✅ every sign-off is in"
                : "⏳ " + plan.missingApprovals() + " approval(s) missing";
        out.append("### Steward sign-off plan: ").append(verdict).append("\n\n");
        if (!plan.errors().isEmpty()) {
            for (Plan.PlanError e : plan.errors()) {
                out.append("- `").append(e.path()).append(':').append(e.line()).append("` ").append(cell(e.message()))
                        .append('\n');
            }
            out.append('\n');
        }
        if (!plan.changes().isEmpty()) {
            out.append("| | Entity | Change | Still missing | Approved by | Runbook |\n");
            out.append("|---|---|---|---|---|---|\n");
            for (Plan.Change c : plan.changes()) {
                String missing = c.approvers().stream().filter(a -> !a.satisfied())
                        .map(a -> "`" + shortRef(a.ref()) + "`" + (a.min() > 1 ? " (" + a.missing() + " of " + a.min() + ")" : ""))
                        .collect(Collectors.joining(", "));
                if (c.approvers().isEmpty()) missing = "**no approvers defined**";
                if (c.readiness() != null) missing = (missing.isEmpty() ? "" : missing + ", ") + "**production readiness**";
                String approved = c.approvers().stream().flatMap(a -> a.approvedBy().stream()).distinct()
                        .map(r -> "@" + r.name()).collect(Collectors.joining(" "));
                out.append("| ").append(c.satisfied() ? "✅" : "❌").append(" | `").append(shortRef(c.entity()))
                        .append("` | ").append(c.responsibility())
                        .append(c.paths().isEmpty() ? "" : " <sub>" + cell(String.join(", ", c.paths())) + "</sub>")
                        .append(" | ").append(missing.isEmpty() ? "—" : missing)
                        .append(" | ").append(approved.isEmpty() ? "—" : approved)
                        .append(" | ").append(c.runbook() == null ? "—" : "`" + c.runbook() + "`").append(" |\n");
            }
            long impacted = plan.changes().stream().flatMap(c -> c.impacted().stream()).map(Plan.Impacted::entity)
                    .distinct().count();
            if (impacted > 0) {
                out.append("\n<details><summary>Blast radius: ").append(impacted)
                        .append(" downstream entities</summary>\n\n");
                plan.changes().stream().flatMap(c -> c.impacted().stream()).distinct().forEach(i -> out.append("- `")
                        .append(shortRef(i.entity())).append("` (").append(i.owner() == null ? "no owner" : shortRef(i.owner()))
                        .append(")\n"));
                out.append("\n</details>\n");
            }
        }
        out.append(ReadinessSection.markdown(plan));
        out.append("\n<sub>Rules from `").append(Planner.shortId(plan.base())).append("`, changes in `")
                .append(Planner.shortId(plan.head())).append("`. Approve by reviewing as a member of a missing team.</sub>\n");
        return out.toString();
    }

    private static String github(Plan plan) {
        StringBuilder out = new StringBuilder();
        for (Plan.PlanError e : plan.errors()) {
            out.append(GithubAnnotations.annotation("error", e.path(), e.line(), "steward plan", e.message())).append('\n');
        }
        for (Plan.Change c : plan.changes()) {
            if (c.satisfied()) continue;
            if (c.readiness() != null) {
                String[] where = c.location().split(":(?=\\d+$)");
                out.append(GithubAnnotations.annotation("error", where[0], where.length > 1 ? Integer.parseInt(where[1]) : 1,
                        "steward readiness", ReadinessSection.annotation(c.readiness()))).append('\n');
            }
            String[] at = c.location().split(":(?=\\d+$)");
            String missing = c.approvers().isEmpty() ? "no approvers are defined"
                    : "needs " + c.approvers().stream().filter(a -> !a.satisfied())
                    .map(a -> a.ref() + (a.min() > 1 ? " (" + a.missing() + " more of " + a.min() + ")" : ""))
                    .collect(Collectors.joining(", "));
            out.append(GithubAnnotations.annotation("warning", at[0], at.length > 1 ? Integer.parseInt(at[1]) : 1,
                    "steward plan", c.responsibility() + " on " + c.entity() + " " + missing)).append('\n');
        }
        return out.toString();
    }

    private static String names(List<EntityRef> refs) {
        return refs.stream().map(EntityRef::name).collect(Collectors.joining(", "));
    }

    /** {@code kind:name} when the namespace is default: what a reviewer reads at a glance. */
    static String shortRef(EntityRef ref) {
        return ref.namespace().equals(EntityRef.DEFAULT_NAMESPACE) ? ref.kind() + ":" + ref.name() : ref.toString();
    }

    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    public static PlanFormat parse(String text) {
        try {
            return valueOf(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + text + "'; use text, json, markdown or github");
        }
    }
}
