package dev.steward.readiness;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.Values;
import java.util.List;
import java.util.Objects;

/**
 * Whether an attestation is void: a {@code voidOn} path of the entity changed in a commit after the
 * attestation's. The Git-backed answer walks the entity's history ({@code git.AttestationVoids});
 * {@link #BY_VALUE} compares with the values recorded when it was made, for where no history is at
 * hand (a catalog not read from Git).
 */
@FunctionalInterface
public interface Voids {
    /** What voided the attestation, given the entity as it is at {@code commit}, or null. */
    VoidedBy voidedBy(Attestation attestation, Entity entity, List<String> voidOn, String commit);

    /** The commit (null when only the value is known to differ) and the path that changed. */
    record VoidedBy(String commit, String path) {
    }

    Voids BY_VALUE = (attestation, entity, voidOn, commit) -> {
        for (String path : voidOn) {
            Object then = attestation.values() == null ? null : attestation.values().get(path);
            if (!Objects.equals(normal(then), normal(Values.at(entity.document(), path)))) {
                return new VoidedBy(null, path);
            }
        }
        return null;
    };

    /** YAML and JSON disagree on integer widths; compare numbers by value. */
    private static Object normal(Object value) {
        return value instanceof Number n && !(value instanceof Double || value instanceof Float) ? n.longValue() : value;
    }
}
