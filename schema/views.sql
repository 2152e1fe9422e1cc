-- article_view and quote_view (schema/views.h): an article's and a
-- quotation's columns as the field table names them, created on the
-- connection that uses them. The definitions of schema 4 (article_view)
-- and 3 (quote_view), which stored them.

CREATE TEMP VIEW IF NOT EXISTS article_view AS
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
FROM main.articles a
LEFT JOIN main.outlets o ON o.id = a.outlet_id
LEFT JOIN main.outlets v ON v.id = a.via_id
LEFT JOIN main.speakers s ON s.id = a.speaker_id;

CREATE TEMP VIEW IF NOT EXISTS quote_view AS
SELECT q.id AS quote_id, q.article_id, q.text AS quote, s.name AS speaker,
       q.speaker_confidence,
       CASE q.partial WHEN 1 THEN 'true' ELSE 'false' END AS partial,
       a.date, a.date_precision, o.name AS outlet, a.title, a.source, a.lang,
       q.qkey, q.seq, q.start, q.end, s.key AS speaker_key, o.key AS outlet_key
FROM main.quotes q
JOIN main.articles a ON a.id = q.article_id
LEFT JOIN main.speakers s ON s.id = q.speaker_id
LEFT JOIN main.outlets o ON o.id = a.outlet_id;
