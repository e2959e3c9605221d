package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness of every entity of one catalog snapshot with one evidence snapshot, as of one moment:
 * an immutable value, evaluated lazily and remembered, so pages that list thousands of entities pay
 * for each evaluation once. It holds until the catalog or the evidence changes, or until
 * {@link #validUntil()}: the next midnight (UTC) or the next attestation expiry, whichever is first.
 */
public final class ReadinessIndex {
    private final ReadinessEvaluator evaluator;
    private final Evidence evidence;
    private final Instant at;
    private final Instant validUntil;
    private final ConcurrentHashMap<EntityRef, Optional<EntityReadiness>> memo = new ConcurrentHashMap<>();
    private volatile List<EntityReadiness> all;
    private final ConcurrentHashMap<String, Selection> selections = new ConcurrentHashMap<>();

    /** Entities of one checklist (or all), ready or not (or both), with their level counts. */
    public record Selection(List<EntityReadiness> items, Map<String, Integer> levels) {
    }

    public ReadinessIndex(ReadinessEvaluator evaluator, Evidence evidence, Instant at) {
        this.evaluator = evaluator;
        this.evidence = evidence;
        this.at = at;
        this.validUntil = validUntil(evaluator.catalog(), evidence, at);
    }

    public Catalog catalog() {
        return evaluator.catalog();
    }

    /** The facts the rules of this index read. */
    public Facts facts() {
        return evaluator.facts();
    }

    public Evidence evidence() {
        return evidence;
    }

    public Instant at() {
        return at;
    }

    public Instant validUntil() {
        return validUntil;
    }

    /** True while this index still answers for {@code catalog}, {@code current} evidence and {@code now}. */
    public boolean holdsFor(Catalog catalog, Evidence current, Instant now) {
        return catalog == evaluator.catalog() && current == evidence && now.isBefore(validUntil) && !now.isBefore(at);
    }

    /** The entity's readiness, or null when no checklist applies to it. */
    public EntityReadiness of(Entity entity) {
        return memo.computeIfAbsent(entity.ref(), ref -> Optional.ofNullable(evaluator.evaluate(entity, evidence, at)))
                .orElse(null);
    }

    /** Every entity some checklist applies to, in ref order; evaluated in parallel the first time. */
    public List<EntityReadiness> all() {
        List<EntityReadiness> result = all;
        if (result == null) {
            result = catalog().entities().parallelStream().map(this::of).filter(Objects::nonNull).toList();
            all = result;
        }
        return result;
    }

    /**
     * The entities {@code checklist} applies to (every one with a checklist when null) that are, or are
     * not, {@code ready} (either when null), with their level counts: remembered, since list pages ask
     * for the same few selections again and again.
     */
    public Selection select(String checklist, Boolean ready) {
        return selections.computeIfAbsent(checklist + "|" + ready, k -> select(all(), checklist, ready));
    }

    /** The same selection out of {@code source}, such as the entities of one owner. */
    public Selection select(List<EntityReadiness> source, String checklist, Boolean ready) {
        List<EntityReadiness> matching = new ArrayList<>();
        for (EntityReadiness r : source) {
            ChecklistReadiness c = checklist == null ? null : r.checklist(checklist);
            if (checklist != null && c == null) continue;
            boolean isReady = c == null ? r.ready() : c.ready();
            if (ready != null && ready != isReady) continue;
            matching.add(r);
        }
        return new Selection(List.copyOf(matching), levelCounts(matching, checklist));
    }

    private static Instant validUntil(Catalog catalog, Evidence evidence, Instant at) {
        Instant until = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (Attestation a : evidence.attestations()) {
            ReadinessChecklist checklist = catalog.checklist(a.checklist());
            ReadinessChecklist.Check check = checklist == null ? null : checklist.check(a.check());
            if (check == null || check.attest() == null || check.attest().validFor() == null) continue;
            Instant expires = a.attestedAt().plus(check.attest().validFor());
            if (expires.isAfter(at) && expires.isBefore(until)) until = expires;
        }
        return until;
    }

    /**
     * How many of {@code items} stand at each level of one checklist (of every checklist when null),
     * {@code none} counting those below the lowest level; levels in their order.
     */
    public Map<String, Integer> levelCounts(List<EntityReadiness> items, String checklist) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("none", 0);
        for (ReadinessChecklist c : catalog().checklists()) {
            if (checklist == null || c.name().equals(checklist)) c.levels().forEach(l -> out.putIfAbsent(l, 0));
        }
        for (EntityReadiness r : items) {
            for (ChecklistReadiness c : r.checklists()) {
                if (checklist == null || c.checklist().equals(checklist)) {
                    out.merge(c.level() == null ? "none" : c.level(), 1, Integer::sum);
                }
            }
        }
        return out;
    }
}
