-- 002-extraction: the raw input (so cleaning can be re-run), where each
-- metadata value came from, every speaker of an article, the outlet an
-- article relays (via), and blocks seen per site (cross-page furniture).

ALTER TABLE articles ADD COLUMN raw TEXT;  -- the input as read; NULL for feeds
ALTER TABLE articles ADD COLUMN format TEXT NOT NULL DEFAULT 'text'
  CHECK (format IN ('text', 'html', 'jsonl'));
ALTER TABLE articles ADD COLUMN title_source TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN date_source TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN outlet_source TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN speaker_source TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN via_id INTEGER REFERENCES outlets(id);

-- Everyone the article reports speaking; articles.speaker_id is the most
-- quoted (or the one given explicitly).
CREATE TABLE article_speakers (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  speaker_id INTEGER NOT NULL REFERENCES speakers(id),
  mentions   INTEGER NOT NULL,
  PRIMARY KEY (article_id, speaker_id)
) WITHOUT ROWID;
CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id);

-- How many pages of a site had a block with this hash (clean.h).
CREATE TABLE site_blocks (
  site  TEXT NOT NULL,
  hash  INTEGER NOT NULL,
  pages INTEGER NOT NULL,
  PRIMARY KEY (site, hash)
) WITHOUT ROWID;

DROP VIEW article_view;
CREATE VIEW article_view AS
SELECT a.id, a.date, a.date_precision, a.date_source, o.name AS outlet,
       a.outlet_source, v.name AS via, s.name AS speaker, a.speaker_source,
       (SELECT json_group_array(name) FROM
          (SELECT sp.name FROM article_speakers x JOIN speakers sp ON sp.id = x.speaker_id
           WHERE x.article_id = a.id ORDER BY x.mentions DESC, sp.id)) AS speakers,
       a.title, a.title_source, a.source, a.lang, a.text, a.format, a.origin,
       a.sha256, a.first_indexed, a.last_indexed,
       o.key AS outlet_key,
       (SELECT group_concat(k, '|') FROM
          (SELECT sp.key AS k FROM article_speakers x JOIN speakers sp ON sp.id = x.speaker_id
           WHERE x.article_id = a.id ORDER BY x.mentions DESC, sp.id)) AS speaker_keys,
       s.key AS speaker_key
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets v ON v.id = a.via_id
LEFT JOIN speakers s ON s.id = a.speaker_id;
