package dev.steward.plan;

import dev.steward.readiness.ReadinessBlocker;
import dev.steward.resolve.Party;
import java.util.List;
import java.util.stream.Collectors;

/** How a plan prints its readiness blockers: each failing check, who must act, the runbook. */
final class ReadinessSection {
    private ReadinessSection() {
    }

    static String markdown(Plan plan) {
        List<ReadinessBlocker> blockers = plan.readinessBlockers();
        if (blockers.isEmpty()) return "";
        StringBuilder out = new StringBuilder("\n#### ⛔ Not ready for production\n\n");
        for (ReadinessBlocker b : blockers) {
            out.append("**`").append(PlanFormat.shortRef(b.entity())).append("`** ").append(why(b)).append(" (level: ")
                    .append(b.level() == null ? "none" : b.level()).append(")\n\n");
            out.append("| Checklist | Check | Status | Who must act | Runbook |\n|---|---|---|---|---|\n");
            for (ReadinessBlocker.Failing f : b.failing()) {
                out.append("| ").append(f.checklist()).append(" (").append(f.level()).append(") | ")
                        .append(PlanFormat.cell(f.title())).append(" <sub>`").append(f.check()).append("`</sub> | ")
                        .append(f.status().label()).append(" | ").append(parties(f.mustAct(), true)).append(" | ")
                        .append(f.runbook() == null ? "—" : "`" + f.runbook() + "`").append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String text(ReadinessBlocker b) {
        StringBuilder out = new StringBuilder("            not ready for production: " + why(b) + "\n");
        for (ReadinessBlocker.Failing f : b.failing()) {
            out.append("              ✗ ").append(f.checklist()).append('/').append(f.check()).append(" (")
                    .append(f.level()).append(", ").append(f.status().label()).append("): ")
                    .append(parties(f.mustAct(), false))
                    .append(f.runbook() == null ? "" : "; runbook " + f.runbook()).append('\n');
        }
        return out.toString();
    }

    static String annotation(ReadinessBlocker b) {
        return b.entity() + " is not ready for production (" + why(b) + "): " + b.failing().stream()
                .map(f -> f.checklist() + "/" + f.check() + " " + f.status().label() + ", " + parties(f.mustAct(), false))
                .collect(Collectors.joining("; "));
    }

    private static String why(ReadinessBlocker b) {
        String gates = b.checklists().stream().map(g -> g.checklist() + " needs " + g.gate()
                + (b.reason() == ReadinessBlocker.Reason.DUE ? " since " + g.dueBy() : ""))
                .collect(Collectors.joining(", "));
        return (b.reason() == ReadinessBlocker.Reason.PRODUCTION ? "goes to production; " : "in production past dueBy; ")
                + gates;
    }

    private static String parties(List<Party> parties, boolean markdown) {
        if (parties.isEmpty()) return markdown ? "**nobody: fix the checklist or its policies**" : "nobody";
        return parties.stream().map(p -> markdown ? "`" + PlanFormat.shortRef(p.ref()) + "`" : p.ref().toString())
                .collect(Collectors.joining(", "));
    }
}
