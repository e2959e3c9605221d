-- Incidents, their RCA and follow-up actions, and the audit trail of every write.
CREATE TABLE incident (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    title                TEXT    NOT NULL,
    severity             TEXT    NOT NULL CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
    status               TEXT    NOT NULL CHECK (status IN ('open', 'mitigated', 'resolved', 'postmortem', 'closed')),
    started_at           TEXT,
    detected_at          TEXT,
    mitigated_at         TEXT,
    resolved_at          TEXT,
    closed_at            TEXT,
    commander            TEXT,
    summary              TEXT,
    impact               TEXT,
    root_causes          TEXT    NOT NULL DEFAULT '[]',
    contributing_factors TEXT    NOT NULL DEFAULT '[]',
    lessons              TEXT    NOT NULL DEFAULT '[]',
    rca_owner            TEXT,
    rca_reviewers        TEXT    NOT NULL DEFAULT '[]',
    rca_commit           TEXT,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
CREATE INDEX incident_status ON incident (status);

CREATE TABLE incident_entity (
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    entity_ref  TEXT    NOT NULL,
    PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_entity_ref ON incident_entity (entity_ref);

CREATE TABLE timeline_entry (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    author      TEXT
);
CREATE INDEX timeline_entry_incident ON timeline_entry (incident_id, at);

CREATE TABLE rca_signoff (
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    reviewer    TEXT    NOT NULL,
    signed_at   TEXT    NOT NULL,
    PRIMARY KEY (incident_id, reviewer)
);

CREATE TABLE action_item (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    priority    TEXT    NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    due_date    TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('open', 'done', 'wont-do')),
    link        TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX action_item_incident ON action_item (incident_id);
CREATE INDEX action_item_open_due ON action_item (status, due_date);
CREATE INDEX action_item_owner ON action_item (owner);

CREATE TABLE audit (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_target ON audit (target);
