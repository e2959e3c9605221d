package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gate plans apply: an entity whose head version is created with, or changed to,
 * {@code lifecycle: production} must be ready; an entity already in production must be ready once a
 * checklist's {@code dueBy} has passed, or its other changes are blocked. Rule checks are evaluated
 * on the head version (so a pull request can fix them itself), with the checklists and policies of
 * the base; attestations and waivers come from {@code evidence}.
 */
public final class ReadinessGate {
    public static final String PRODUCTION = "production";
    /** Gating with no store: every attestation pending (what a plan without evidence can know). */
    public static final ReadinessGate OFFLINE = new ReadinessGate(null, Voids.BY_VALUE, Clock.systemUTC());

    private final Supplier<Evidence> evidence;
    private final Voids voids;
    private final Clock clock;

    /** {@code evidence} null: no store behind the plan, so every attestation is pending. */
    public ReadinessGate(Supplier<Evidence> evidence, Voids voids, Clock clock) {
        this.evidence = evidence;
        this.voids = voids;
        this.clock = clock;
    }

    /**
     * The blocker for one entity, or null. {@code rules} is the head catalog governed by the base's
     * rules ({@code Catalog.governedBy}); {@code before} is the base version, null when added.
     */
    public ReadinessBlocker check(Catalog rules, Entity before, Entity after) {
        if (after == null || !isProduction(after)) return null;
        boolean entering = before == null || !isProduction(before);
        Instant now = clock.instant();
        EntityReadiness r = new ReadinessEvaluator(rules, voids).evaluate(after,
                evidence == null ? Evidence.NONE : evidence.get(), now);
        if (r == null || r.ready()) return null;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<ChecklistReadiness> blocking = r.checklists().stream().filter(c -> !c.ready())
                .filter(c -> entering || c.dueBy() != null && today.isAfter(c.dueBy())).toList();
        if (blocking.isEmpty()) return null;
        List<ReadinessBlocker.Gate> gates = new ArrayList<>();
        List<ReadinessBlocker.Failing> failing = new ArrayList<>();
        for (ChecklistReadiness c : blocking) {
            gates.add(new ReadinessBlocker.Gate(c.checklist(), c.gate(), c.level(), c.dueBy()));
            for (CheckResult k : c.blocking()) {
                failing.add(new ReadinessBlocker.Failing(c.checklist(), k.id(), k.title(), k.level(), k.status(),
                        k.mustAct(), k.runbook(), k.message()));
            }
        }
        return new ReadinessBlocker(after.ref(), entering ? ReadinessBlocker.Reason.PRODUCTION
                : ReadinessBlocker.Reason.DUE, r.level(), gates, failing);
    }

    public static boolean isProduction(Entity entity) {
        return PRODUCTION.equalsIgnoreCase(entity.lifecycle());
    }
}
