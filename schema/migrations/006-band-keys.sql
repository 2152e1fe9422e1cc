-- 006-band-keys: the MinHash tables at a fraction of their size (issue 7:
-- they were half of SQLite). What finds copies stays exactly as it was.
--
-- Signatures are no longer stored: the few candidates that share a band
-- key with a new article have their signature recomputed from their text
-- (lg_minhash_of is cheap; 21k Reuters articles make about 1,000
-- candidate pairs in all), so article_minhash goes.
--
-- A band key is 32 bits: the low half of lg_minhash_band, sign-extended
-- so that SQLite stores it in 4 bytes. lg_minhash_band already mixes in
-- the band number, so the band is no column. A candidate is confirmed on
-- the full 64-bit band (lg_minhash_share_band) before its similarity
-- counts, so the shorter key adds a rare false candidate, never a copy.
--
-- No index on article_id and no foreign key (whose cascade would scan the
-- table for every deleted article without that index): an article's rows
-- are deleted by their keys, recomputed from its text before the text is
-- replaced or deleted (indexer/store.c). `legate check` reports rows
-- whose article is gone.

CREATE TABLE minhash_keys (
  key        INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO minhash_keys(key, article_id)
SELECT (((key & 4294967295) + 2147483648) & 4294967295) - 2147483648, article_id
  FROM minhash_bands ORDER BY 1, 2;

DROP TABLE minhash_bands;
DROP TABLE article_minhash;
