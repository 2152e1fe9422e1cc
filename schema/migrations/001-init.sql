-- 001-init: articles, outlets and speakers with their aliases, the outbox.
-- SQLite is the source of truth; Xapian is derived from these tables.

CREATE TABLE outlets (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,          -- the first spelling seen, shown to users
  key   TEXT NOT NULL UNIQUE    -- lg_name_key(name): the Xapian filter term
);

-- Every spelling's key that names an outlet ("caliber.az" for Caliber.Az).
CREATE TABLE outlet_aliases (
  alias_key TEXT PRIMARY KEY,
  outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE speakers (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  key   TEXT NOT NULL UNIQUE
);

CREATE TABLE speaker_aliases (
  alias_key  TEXT PRIMARY KEY,
  speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- id is the Xapian docid. AUTOINCREMENT: an id once given is never reused,
-- so an id a user noted never points at another article later.
CREATE TABLE articles (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  source         TEXT NOT NULL UNIQUE,  -- file path, record url, or path#id
  origin         TEXT NOT NULL,         -- the input file it was read from
  sha256         TEXT NOT NULL,         -- of the input and its metadata
  date           TEXT,                  -- YYYY-MM-DD, YYYY-MM or YYYY
  date_precision TEXT NOT NULL DEFAULT 'unknown'
                 CHECK (date_precision IN ('minute','day','month','year','unknown')),
  outlet_id      INTEGER REFERENCES outlets(id),
  speaker_id     INTEGER REFERENCES speakers(id),
  title          TEXT,
  lang           TEXT,
  text           TEXT NOT NULL,
  first_indexed  TEXT NOT NULL,         -- UTC, ISO 8601
  last_indexed   TEXT NOT NULL
);
CREATE INDEX articles_origin ON articles(origin);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_speaker ON articles(speaker_id);

-- Articles whose Xapian document must be (re)written or deleted. Rows with
-- seq <= the applied_seq stored in Xapian's metadata are done. Whether a
-- change is a write or a delete is read from `articles` when applied, so
-- replaying any suffix of the outbox converges on SQLite's state.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL
);

-- What search results, show and export display: the columns named in
-- schema/fields.def refer to this view.
CREATE VIEW article_view AS
SELECT a.id, a.date, a.date_precision, o.name AS outlet, s.name AS speaker,
       a.title, a.source, a.lang, a.text, o.key AS outlet_key,
       s.key AS speaker_key, a.origin, a.sha256, a.first_indexed, a.last_indexed
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN speakers s ON s.id = a.speaker_id;
