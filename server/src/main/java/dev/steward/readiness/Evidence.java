package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attestations and waivers a readiness answer reads: an immutable in-memory snapshot of the
 * store, swapped whole after each write and refresh, so evaluating never queries the store. Only the
 * newest attestation and the newest waiver of each (entity, checklist, check) matter.
 */
public final class Evidence {
    public static final Evidence NONE = new Evidence(0, Map.of(), Map.of());

    private record Key(EntityRef entity, String checklist, String check) {
    }

    private final long version;
    private final Map<Key, Attestation> attestations;
    private final Map<Key, Waiver> waivers;

    private Evidence(long version, Map<Key, Attestation> attestations, Map<Key, Waiver> waivers) {
        this.version = version;
        this.attestations = attestations;
        this.waivers = waivers;
    }

    /** From every row; later ids win. {@code version} changes whenever the rows do. */
    public static Evidence of(long version, Collection<Attestation> attestations, Collection<Waiver> waivers) {
        Map<Key, Attestation> a = new HashMap<>();
        for (Attestation x : attestations) {
            a.merge(new Key(x.entity(), x.checklist(), x.check()), x, (p, q) -> p.id() > q.id() ? p : q);
        }
        Map<Key, Waiver> w = new HashMap<>();
        for (Waiver x : waivers) {
            w.merge(new Key(x.entity(), x.checklist(), x.check()), x, (p, q) -> p.id() > q.id() ? p : q);
        }
        return new Evidence(version, Map.copyOf(a), Map.copyOf(w));
    }

    public long version() {
        return version;
    }

    public Attestation attestation(EntityRef entity, String checklist, String check) {
        return attestations.get(new Key(entity, checklist, check));
    }

    public Waiver waiver(EntityRef entity, String checklist, String check) {
        return waivers.get(new Key(entity, checklist, check));
    }

    public List<Attestation> attestations() {
        return List.copyOf(attestations.values());
    }
}
