-- 004-dupes: syndicated copies. Every article belongs to a group of
-- near-duplicates (its own id when it has no copy); search, quotes and
-- count show each group once. Signatures and LSH band keys find candidate
-- copies without comparing every pair.

ALTER TABLE articles ADD COLUMN dup_group INTEGER;  -- NULL: its own id
CREATE INDEX articles_dup_group ON articles(dup_group);

CREATE TABLE article_minhash (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  sig        BLOB NOT NULL    -- lg_minhash.min[], little-endian uint32s
);

CREATE TABLE minhash_bands (
  band       INTEGER NOT NULL,
  key        INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

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
       s.key AS speaker_key,
       coalesce(a.dup_group, a.id) AS dup_group
FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN outlets v ON v.id = a.via_id
LEFT JOIN speakers s ON s.id = a.speaker_id;
