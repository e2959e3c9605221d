package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.RuleExpression;
import dev.steward.resolve.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Evaluates the readiness of one entity, as PRODUCT.md's "Production readiness reviews" says: each
 * applicable checklist's checks (rules in CEL over the manifest, attestations and waivers from
 * {@link Evidence}), the level reached, and whether it reaches the gate. Pure: no I/O; the catalog,
 * evidence, facts and time are given. What depends on the catalog alone is prepared once per entity
 * ({@link PreparedCache}); evidence and time are applied on top.
 */
public final class ReadinessEvaluator {
    private final Catalog catalog;
    private final Voids voids;
    private final Function<EntityRef, Map<String, Object>> facts;
    private final PreparedCache prepared;
    /** Manifests as CEL reads them, converted once: lineage functions hand the same neighbours to many rules. */
    private final ConcurrentHashMap<EntityRef, Map<String, Object>> celDocuments = new ConcurrentHashMap<>();

    public ReadinessEvaluator(Catalog catalog, Voids voids, Function<EntityRef, Map<String, Object>> facts) {
        this(catalog, voids, facts, PreparedCache.empty(catalog));
    }

    ReadinessEvaluator(Catalog catalog, Voids voids, Function<EntityRef, Map<String, Object>> facts,
                       PreparedCache prepared) {
        this.catalog = catalog;
        this.voids = voids;
        this.facts = facts;
        this.prepared = prepared;
    }

    /** With no platform facts: alignment has not observed anything. */
    public ReadinessEvaluator(Catalog catalog, Voids voids) {
        this(catalog, voids, ref -> Map.of());
    }

    public Catalog catalog() {
        return catalog;
    }

    PreparedCache prepared() {
        return prepared;
    }

    Facts facts() {
        return prepared.facts();
    }

    /** The entity's readiness, or null when no checklist applies to it. */
    public EntityReadiness evaluate(Entity entity, Evidence evidence, Instant now) {
        Prepared p = prepared.get(entity, this::prepare);
        if (p == null) return null;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<ChecklistReadiness> out = new ArrayList<>(p.checklists().size());
        for (Prepared.Checklist c : p.checklists()) {
            List<CheckResult> checks = new ArrayList<>(c.checks().size());
            for (Prepared.Check k : c.checks()) {
                CheckResult result = k.check().rule() != null ? rule(k, today)
                        : attest(entity, c.checklist(), k, evidence, now, today);
                checks.add(waived(result, entity, c.checklist(), k.check(), evidence, today));
            }
            out.add(level(c.checklist(), checks, today));
        }
        return EntityReadiness.of(entity.ref(), catalog.commit(), out);
    }

    private Prepared prepare(Entity entity) {
        List<ReadinessChecklist> checklists = Checklists.applicable(catalog, entity);
        if (checklists.isEmpty()) return null;
        Map<String, Object> document = null;
        Map<String, Object> entityFacts = null;
        RuleFunctions functions = new RuleFunctions(catalog, entity, this::celDocument);
        List<Prepared.Checklist> out = new ArrayList<>(checklists.size());
        for (ReadinessChecklist checklist : checklists) {
            List<Prepared.Check> checks = new ArrayList<>(checklist.checks().size());
            for (ReadinessChecklist.Check check : checklist.checks()) {
                List<Party> owner = AttestParties.owner(catalog, entity, checklist, check);
                if (check.rule() == null) {
                    checks.add(new Prepared.Check(check, null, null, AttestParties.by(catalog, entity, checklist, check),
                            owner));
                    continue;
                }
                if (document == null) {
                    document = celDocument(entity);
                    entityFacts = RuleExpression.celMap(facts.apply(entity.ref()));
                }
                CheckStatus status;
                String message;
                try {
                    boolean pass = check.rule().evaluate(document, entityFacts, functions);
                    status = pass ? CheckStatus.PASS : CheckStatus.FAIL;
                    message = pass ? null : "the rule is false: " + check.rule().text();
                } catch (RuntimeException e) {
                    status = CheckStatus.ERROR;
                    message = "the rule could not be evaluated: " + e.getMessage();
                }
                checks.add(new Prepared.Check(check, status, message, List.of(), owner));
            }
            out.add(new Prepared.Checklist(checklist, List.copyOf(checks)));
        }
        return new Prepared(entity.ref(), List.copyOf(out));
    }

    private Map<String, Object> celDocument(Entity entity) {
        return celDocuments.computeIfAbsent(entity.ref(), ref -> RuleExpression.celMap(entity.document()));
    }

    private static CheckResult rule(Prepared.Check k, LocalDate today) {
        ReadinessChecklist.Check check = k.check();
        List<Party> mustAct = k.status().met() ? List.of() : k.owner();
        return new CheckResult(check.id(), check.title(), check.level(), check.kind().label(), k.status(),
                check.counts(today), check.effectiveFrom(), check.runbook(), List.of(), mustAct, null, null, k.message());
    }

    private CheckResult attest(Entity entity, ReadinessChecklist checklist, Prepared.Check k, Evidence evidence,
                               Instant now, LocalDate today) {
        ReadinessChecklist.Check check = k.check();
        ReadinessChecklist.Attest attest = check.attest();
        List<Party> by = k.by();
        Attestation a = evidence.attestation(entity.ref(), checklist.name(), check.id());
        CheckStatus status;
        String message;
        CheckResult.AttestationView view = null;
        if (by.stream().allMatch(p -> p.members().isEmpty())) {
            status = CheckStatus.ERROR;
            message = "nobody can attest: " + attest.by().text() + " resolves to nobody for " + entity.ref();
        } else if (a == null) {
            status = CheckStatus.PENDING;
            message = "no attestation yet";
        } else {
            Instant expires = attest.validFor() == null ? null : a.attestedAt().plus(attest.validFor());
            Voids.VoidedBy voided = attest.voidOn().isEmpty() ? null
                    : voids.voidedBy(a, entity, attest.voidOn(), catalog.commit());
            view = new CheckResult.AttestationView(a.id(), a.actor(), a.evidence(), a.note(), a.attestedAt(), expires,
                    a.commit(), voided);
            if (voided != null) {
                status = CheckStatus.VOID;
                message = voided.path() + " changed" + (voided.commit() == null ? "" : " in " + voided.commit())
                        + " after the attestation";
            } else if (expires != null && !now.isBefore(expires)) {
                status = CheckStatus.EXPIRED;
                message = "the attestation expired on " + expires + " (valid for " + attest.validForText() + ")";
            } else {
                status = CheckStatus.PASS;
                message = null;
            }
        }
        List<Party> mustAct = status.met() ? List.of() : by;
        return new CheckResult(check.id(), check.title(), check.level(), check.kind().label(), status,
                check.counts(today), check.effectiveFrom(), check.runbook(), by, mustAct, view, null, message);
    }

    /** A check not met, with a waiver that still holds, is waived; the waiver is shown either way. */
    private static CheckResult waived(CheckResult r, Entity entity, ReadinessChecklist checklist,
                                      ReadinessChecklist.Check check, Evidence evidence, LocalDate today) {
        Waiver w = evidence.waiver(entity.ref(), checklist.name(), check.id());
        if (w == null) return r;
        boolean active = w.activeOn(today);
        boolean waive = active && !r.status().met();
        return new CheckResult(r.id(), r.title(), r.level(), r.kind(), waive ? CheckStatus.WAIVED : r.status(),
                r.counts(), r.effectiveFrom(), r.runbook(), r.by(), waive ? List.of() : r.mustAct(), r.attestation(), w,
                waive ? "waived until " + w.until() + ": " + w.reason()
                        : active ? r.message() : appendNote(r.message(), "a waiver ended on " + w.until()));
    }

    private static String appendNote(String message, String note) {
        return message == null ? note : message + "; " + note;
    }

    /** The highest level whose checks, with all lower levels', are met (checks not yet in effect aside). */
    private static ChecklistReadiness level(ReadinessChecklist checklist, List<CheckResult> checks, LocalDate today) {
        String reached = null;
        for (String level : checklist.levels()) {
            int rank = checklist.rank(level);
            boolean met = checks.stream().filter(c -> c.counts() && checklist.rank(c.level()) <= rank)
                    .allMatch(c -> c.status().met());
            if (!met) break;
            reached = level;
        }
        boolean ready = checklist.rank(reached) >= checklist.rank(checklist.gate());
        boolean overdue = !ready && checklist.dueBy() != null && today.isAfter(checklist.dueBy());
        return new ChecklistReadiness(checklist.name(), checklist.title(), checklist.gate(), checklist.levels(), reached,
                ready, checklist.dueBy(), overdue, List.copyOf(checks));
    }
}
