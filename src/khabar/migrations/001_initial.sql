-- Reports, mentions, claims, events and rejected inputs. Column names are the JSON field names.
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    path TEXT, url TEXT, outlet TEXT, title TEXT, published TEXT, lang TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',      -- JSON [{start,end,reason}] into the raw text
    paragraphs TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE mentions (
    report_id TEXT NOT NULL REFERENCES reports(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT, kind TEXT, id TEXT, name TEXT, lat REAL, lon REAL, precision TEXT
);
CREATE INDEX mentions_report ON mentions(report_id);
CREATE INDEX mentions_id ON mentions(id);
CREATE TABLE claims (
    report_id TEXT NOT NULL REFERENCES reports(id),
    id TEXT NOT NULL,
    type TEXT NOT NULL, modality TEXT,
    evidence TEXT, evidence_start INTEGER, evidence_end INTEGER,
    date_start TEXT, date_end TEXT, date_precision TEXT, date_text TEXT,
    location TEXT, origin TEXT, destination TEXT,
    latitude REAL, longitude REAL,
    origin_latitude REAL, origin_longitude REAL, destination_latitude REAL, destination_longitude REAL,
    agent TEXT, patient TEXT, target TEXT,
    count INTEGER, fatalities INTEGER, injured INTEGER,
    means TEXT, persons TEXT, sources TEXT, source_kind TEXT, primary_source TEXT,
    outlet TEXT, lang TEXT,
    claim TEXT NOT NULL,                    -- the whole claim as in reports.jsonl
    PRIMARY KEY (report_id, id)
);
CREATE INDEX claims_type ON claims(type);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
    places TEXT, latitude REAL, longitude REAL,
    independent_sources INTEGER, source_chains TEXT, conflicts TEXT, circular INTEGER,
    claim_count INTEGER, links TEXT,
    event TEXT NOT NULL                     -- the whole event as in events.jsonl
);
CREATE TABLE event_claims (
    event_id TEXT NOT NULL REFERENCES events(id),
    report_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    PRIMARY KEY (report_id, claim_id)
);
CREATE INDEX event_claims_event ON event_claims(event_id);
CREATE TABLE rejected (
    path TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, record INTEGER,
    at TEXT NOT NULL DEFAULT (datetime('now'))
);
