-- 008-date-terms: every dated Xapian document carries a year and a month
-- term (XD:2024, XD:202405), so a date range is a few posting lists
-- instead of a date value read for every match. Every article is queued
-- so that the next index run rewrites its documents with them; until that
-- run has applied the queue, searches keep the value range
-- (legate.date_terms_from in Xapian's metadata, indexer/sync.h). The
-- version also keeps older binaries from writing documents without them.

INSERT INTO outbox(article_id) SELECT id FROM articles;
