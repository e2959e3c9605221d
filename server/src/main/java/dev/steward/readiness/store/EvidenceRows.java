package dev.steward.readiness.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.Attestation;
import dev.steward.readiness.Waiver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Rows to the domain's records and back; the recorded voidOn values are JSON. */
final class EvidenceRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceRows() {
    }

    static Attestation attestation(ReadinessDao.AttestationRow r) {
        return new Attestation(r.id(), EntityRef.parse(r.entityRef()), r.checklist(), r.checkId(),
                EntityRef.parse(r.actor()), r.evidence(), r.note(), Instant.parse(r.attestedAt()), r.commitId(),
                values(r.voidValues()));
    }

    static Waiver waiver(ReadinessDao.WaiverRow r) {
        return new Waiver(r.id(), EntityRef.parse(r.entityRef()), r.checklist(), r.checkId(), EntityRef.parse(r.actor()),
                r.reason(), LocalDate.parse(r.untilDate()), Instant.parse(r.createdAt()));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    private static Map<String, Object> values(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("readiness_attestation.void_values is not a JSON object: " + json, e);
        }
    }
}
