package dev.steward.catalog.check;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Role;
import dev.steward.catalog.model.Rule;
import dev.steward.catalog.model.SourceLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks of readiness checklists that need the whole catalog: duplicate names, scopes and
 * replaced checklists that must exist, runbooks, and {@code by} parties that must be able to resolve
 * to somebody. Whether a {@code responsible:}/{@code approvers:} party resolves for one particular
 * entity is known only when that entity is evaluated (its check is then an {@code error} naming why).
 */
public final class ChecklistChecks {
    private final Catalog catalog;
    private final Lines lines;
    private final Findings findings;

    private ChecklistChecks(Catalog catalog, Lines lines, Findings findings) {
        this.catalog = catalog;
        this.lines = lines;
        this.findings = findings;
    }

    static void check(Catalog catalog, Lines lines, Findings findings) {
        ChecklistChecks checks = new ChecklistChecks(catalog, lines, findings);
        checks.duplicates();
        for (ReadinessChecklist checklist : catalog.checklists()) {
            checks.checklist(checklist);
        }
    }

    private void duplicates() {
        Map<String, SourceLocation> first = new HashMap<>();
        for (Definition d : Definition.inOrder(catalog.stewardDefinitions().values())) {
            ReadinessChecklist c = d.checklist();
            if (c == null) continue;
            SourceLocation earlier = first.putIfAbsent(c.name(), c.source());
            if (earlier != null) {
                findings.error(c.source(), "duplicate readiness checklist '" + c.name() + "'; also defined at " + earlier);
            }
        }
    }

    private void checklist(ReadinessChecklist checklist) {
        if (checklist.scope() != null && catalog.entity(checklist.scope()) == null) {
            findings.error(checklist.scopeAt(), "spec.scope: " + checklist.scope() + " does not exist");
        }
        if (checklist.replaces() != null) {
            if (checklist.replaces().equals(checklist.name())) {
                findings.error(checklist.replacesAt(), "spec.replaces: a checklist cannot replace itself");
            } else if (catalog.checklist(checklist.replaces()) == null) {
                findings.error(checklist.replacesAt(), "spec.replaces: no readiness checklist '" + checklist.replaces()
                        + "'; known: " + catalog.checklists().stream().map(ReadinessChecklist::name)
                        .collect(Collectors.joining(", ")));
            }
        }
        for (ReadinessChecklist.Check check : checklist.checks()) {
            if (check.runbook() != null && !catalog.runbooks().exists(check.runbook())) {
                findings.error(check.runbookAt(), "runbook '" + check.runbook() + "' of check " + check.id()
                        + " does not exist under " + catalog.runbooks().root() + "/");
            }
            if (check.attest() != null) by(checklist, check, check.attest().by(), check.attest().byAt());
        }
    }

    private void by(ReadinessChecklist checklist, ReadinessChecklist.Check check, ReadinessChecklist.AttestParty by,
                    SourceLocation at) {
        String who = "check " + check.id() + " of " + checklist.name() + ": attest.by " + by.text();
        if (by.isResolved()) {
            Responsibility r = catalog.responsibility(by.responsibility());
            boolean wantDuty = by.role() == Role.RESPONSIBLE;
            if (r == null) {
                findings.error(at, who + " names unknown responsibility '" + by.responsibility() + "'");
            } else if (r.isChange() == wantDuty) {
                findings.error(at, who + ": " + r.name() + " is a " + r.type().label() + "; use "
                        + (r.isChange() ? "approvers:" : "responsible:") + r.name());
            } else if (!anyRuleNames(r.name(), by.role())) {
                findings.error(at, who + " resolves to nobody: no policy rule gives " + by.role().field()
                        + " for " + r.name());
            }
            return;
        }
        PartySpec party = by.party();
        if (party.isToken()) return; // resolved per entity; an entity without one gets an error status
        Entity target = catalog.entity(party.ref());
        if (target == null || !(target.isKind("group") || target.isKind("user"))) {
            findings.error(at, who + ": " + party.ref() + (target == null ? " does not exist" : " is not a group or user"));
            return;
        }
        List<EntityRef> members = catalog.groups().eligibleMembers(party.ref());
        if (members.size() < party.min()) {
            findings.error(at, who + " resolves to nobody: " + party.ref() + " has " + members.size()
                    + " eligible member" + (members.size() == 1 ? "" : "s") + (party.min() > 1 ? ", fewer than min " + party.min() : ""));
        }
    }

    /** True when some policy rule, at any scope, gives parties in {@code role} for the responsibility. */
    private boolean anyRuleNames(String responsibility, Role role) {
        for (OwnershipPolicy policy : catalog.policies().policies()) {
            for (Rule rule : policy.rules()) {
                boolean names = rule.responsibilities().contains(responsibility) || rule.responsibilities().contains(Rule.ANY);
                if (names && !rule.parties(role).isEmpty()) return true;
            }
        }
        return false;
    }
}
