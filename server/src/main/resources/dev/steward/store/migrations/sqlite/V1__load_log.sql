-- Every attempt to load a catalog commit: what was served, what was rejected and why.
CREATE TABLE load_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    commit_id   TEXT    NOT NULL,
    ref         TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    millis      INTEGER NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('served', 'rejected', 'failed')),
    entities    INTEGER NOT NULL,
    errors      INTEGER NOT NULL,
    first_error TEXT
);
CREATE INDEX load_log_started_at ON load_log (started_at);
