-- 003-quotes: every quotation of every article, attributed. Rewritten with
-- its article in the same transaction; the outbox row of the article makes
-- sync rewrite the quote documents too.

CREATE TABLE quotes (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id         INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq                INTEGER NOT NULL,      -- order in the article, from 1
  text               TEXT NOT NULL,         -- the words inside the marks
  start              INTEGER NOT NULL,      -- byte span in articles.text,
  end                INTEGER NOT NULL,      -- marks included
  partial            INTEGER NOT NULL CHECK (partial IN (0, 1)),
  speaker_id         INTEGER REFERENCES speakers(id),
  speaker_confidence REAL,                  -- NULL with no speaker
  qkey               TEXT NOT NULL          -- the same words in any article
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_qkey ON quotes(qkey);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE VIEW quote_view AS
SELECT q.id AS quote_id, q.article_id, q.text AS quote, s.name AS speaker,
       q.speaker_confidence,
       CASE q.partial WHEN 1 THEN 'true' ELSE 'false' END AS partial,
       a.date, a.date_precision, o.name AS outlet, a.title, a.source, a.lang,
       q.qkey, q.seq, q.start, q.end, s.key AS speaker_key, o.key AS outlet_key
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN outlets o ON o.id = a.outlet_id;

-- Copies of one quote across articles, first published first: the
-- provenance shown when they are collapsed into one result.
CREATE VIEW quote_copies AS
SELECT q.qkey, q.id AS quote_id, a.id AS article_id, a.date, o.name AS outlet
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id;
