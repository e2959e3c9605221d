package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A postmortem in the structure of Google's SRE template (Site Reliability Engineering, appendix D):
 * summary, impact, root causes, trigger, resolution, detection, action items, lessons learned and
 * timeline, filled from what the incident records.
 */
final class Postmortem {
    private Postmortem() {
    }

    static String markdown(Incident i) {
        StringBuilder md = new StringBuilder();
        md.append("# Postmortem: ").append(line(i.title())).append(" (incident ").append(i.id()).append(")\n\n");
        md.append("**Date:** ").append(date(i.startedAt() != null ? i.startedAt() : i.detectedAt())).append("  \n");
        md.append("**Authors:** ").append(i.rcaOwner() == null ? "_no RCA owner resolved_" : i.rcaOwner().ref())
                .append("  \n");
        md.append("**Status:** ").append(i.status()).append(", ").append(i.severity()).append("  \n");
        md.append("**Reviewers:** ").append(i.rcaReviewers().isEmpty() ? "_none_" : i.rcaReviewers().stream()
                .map(p -> p.ref() + (p.min() > 1 ? " (" + p.min() + ")" : "")).collect(Collectors.joining(", ")))
                .append(i.signOffs().isEmpty() ? "" : "; signed off by " + i.signOffs().stream()
                        .map(s -> s.reviewer().toString()).collect(Collectors.joining(", "))).append("  \n");
        md.append("**Affected:** ").append(i.entities().stream().map(EntityRef::toString)
                .collect(Collectors.joining(", "))).append("  \n");
        md.append("**Catalog commit:** `").append(i.rcaCommit() == null ? "?" : i.rcaCommit()).append("`\n\n");
        section(md, "Summary", i.summary());
        section(md, "Impact", i.impact());
        list(md, "Root Causes", i.rootCauses());
        list(md, "Trigger", i.contributingFactors());
        md.append("## Resolution\n\n")
                .append("Mitigated ").append(time(i.mitigatedAt())).append(", resolved ").append(time(i.resolvedAt()))
                .append(".\n\n");
        md.append("## Detection\n\nDetected ").append(time(i.detectedAt()))
                .append(i.commander() == null ? "" : "; incident commander: " + line(i.commander())).append(".\n\n");
        md.append("## Action Items\n\n");
        if (i.actions().isEmpty()) {
            md.append("_None recorded._\n\n");
        } else {
            md.append("| Action Item | Owner | Priority | Due | Status | Link |\n|---|---|---|---|---|---|\n");
            for (ActionItem a : i.actions()) {
                md.append("| ").append(cell(a.title())).append(" | ").append(a.owner()).append(" | ")
                        .append(a.priority()).append(" | ").append(a.due()).append(a.overdue() ? " ⚠ overdue" : "")
                        .append(" | ").append(a.status()).append(" | ").append(a.link() == null ? "" : cell(a.link()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        list(md, "Lessons Learned", i.lessons());
        md.append("## Timeline\n\n");
        if (i.timeline().isEmpty()) {
            md.append("_None recorded._\n");
        } else {
            md.append("| Time (UTC) | Event | By |\n|---|---|---|\n");
            for (Incident.TimelineEntry t : i.timeline()) {
                md.append("| ").append(t.at()).append(" | ").append(cell(t.text())).append(" | ")
                        .append(t.author() == null ? "" : cell(t.author())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String title, String text) {
        md.append("## ").append(title).append("\n\n").append(text == null || text.isBlank() ? "_Not written yet._" : text)
                .append("\n\n");
    }

    private static void list(StringBuilder md, String title, List<String> items) {
        md.append("## ").append(title).append("\n\n");
        if (items.isEmpty()) md.append("_Not written yet._\n");
        for (String item : items) md.append("- ").append(line(item)).append('\n');
        md.append('\n');
    }

    private static String time(Instant at) {
        return at == null ? "_not yet_" : at.toString();
    }

    private static String date(Instant at) {
        return at == null ? "_unknown_" : at.toString().substring(0, 10);
    }

    private static String line(String s) {
        return s.replace("\r", " ").replace("\n", " ");
    }

    private static String cell(String s) {
        return line(s).replace("|", "\\|");
    }
}
