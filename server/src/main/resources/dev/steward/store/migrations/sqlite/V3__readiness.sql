-- Production-readiness evidence: attestations (a person says a check holds, with a link) and waivers
-- (an approver of readiness-waiver excuses a check until a date). Rows are never updated: the newest
-- row of each (entity, checklist, check) is the one that counts, and the older ones are the history.
CREATE TABLE readiness_attestation (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_ref  TEXT    NOT NULL,
    checklist   TEXT    NOT NULL,
    check_id    TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    evidence    TEXT    NOT NULL,
    note        TEXT,
    attested_at TEXT    NOT NULL,
    commit_id   TEXT    NOT NULL,
    void_values TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX readiness_attestation_key ON readiness_attestation (entity_ref, checklist, check_id, id);

CREATE TABLE readiness_waiver (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_ref  TEXT    NOT NULL,
    checklist   TEXT    NOT NULL,
    check_id    TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    until_date  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    commit_id   TEXT    NOT NULL
);
CREATE INDEX readiness_waiver_key ON readiness_waiver (entity_ref, checklist, check_id, id);
