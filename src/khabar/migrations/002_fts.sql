-- Full-text search over report titles/text and claim evidence (FTS5, external content).
-- Triggers keep the indexes in step with the tables; 'rebuild' fills them for stores made before.
CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content="reports", content_rowid="rowid",
    tokenize="unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE claims_fts USING fts5(evidence, type, outlet, content="claims", content_rowid="rowid",
    tokenize="unicode61 remove_diacritics 2");
CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER reports_fts_au AFTER UPDATE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, evidence, type, outlet) VALUES (new.rowid, new.evidence, new.type, new.outlet);
END;
CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, evidence, type, outlet)
        VALUES ('delete', old.rowid, old.evidence, old.type, old.outlet);
END;
CREATE TRIGGER claims_fts_au AFTER UPDATE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, evidence, type, outlet)
        VALUES ('delete', old.rowid, old.evidence, old.type, old.outlet);
    INSERT INTO claims_fts(rowid, evidence, type, outlet) VALUES (new.rowid, new.evidence, new.type, new.outlet);
END;
INSERT INTO reports_fts(reports_fts) VALUES ('rebuild');
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
