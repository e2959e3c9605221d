-- Platform alignment: the last findings and facts each source gave, and each source's last scan.
-- A scan replaces the rows of the sources it could read; a source that failed keeps its rows, which
-- are then stale (alignment_source says since when and why).
CREATE TABLE alignment_source (
    source       TEXT    NOT NULL PRIMARY KEY,
    last_scan_at TEXT    NOT NULL,
    last_ok_at   TEXT,
    error        TEXT,
    assets       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE alignment_finding (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    source     TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('unmanaged', 'missing', 'drift')),
    entity_ref TEXT,
    asset      TEXT,
    field      TEXT,
    declared   TEXT,
    actual     TEXT,
    owner      TEXT,
    found_at   TEXT    NOT NULL
);
CREATE INDEX alignment_finding_source ON alignment_finding (source);

CREATE TABLE alignment_fact (
    source      TEXT NOT NULL,
    entity_ref  TEXT NOT NULL,
    facts       TEXT NOT NULL,
    observed_at TEXT NOT NULL,
    PRIMARY KEY (source, entity_ref)
);
