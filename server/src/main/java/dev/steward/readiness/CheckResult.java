package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One check of one checklist for one entity: its status, whether it counts toward a level yet, who
 * may attest it ({@code by}), who must act while it is not met ({@code mustAct}), and the
 * attestation or waiver behind the status.
 */
public record CheckResult(String id, String title, String level, String kind, CheckStatus status, boolean counts,
                          LocalDate effectiveFrom, String runbook, List<Party> by, List<Party> mustAct,
                          AttestationView attestation, Waiver waiver, String message) {

    /** The attestation as answers show it: with its expiry, and what voided it if anything did. */
    public record AttestationView(long id, EntityRef actor, String evidence, String note, Instant attestedAt,
                                  Instant expiresAt, String commit, Voids.VoidedBy voidedBy) {
    }
}
