/*
 * extract.h — turning a page into a clean, dated, attributed article:
 * cleaning (clean.h), then title, publication date, outlet and speakers,
 * each recording where it came from.
 *
 * Precedence (applied by the caller, index.c): explicit metadata (flags,
 * JSONL fields) beats what the markup states, which beats what is read
 * from the text. Unknown stays unknown: no field is ever guessed from
 * nothing.
 */
#ifndef LEGATE_EXTRACT_H
#define LEGATE_EXTRACT_H

#include <stddef.h>

#include "date.h"
#include "page.h"

/* Where a value came from; stored and shown as these names. */
typedef enum {
    LG_SRC_NONE = 0,  /* unknown */
    LG_SRC_FLAG,      /* a command-line option */
    LG_SRC_JSON,      /* a JSONL field */
    LG_SRC_META,      /* HTML markup (meta, JSON-LD, <time>, <title>) */
    LG_SRC_HEADER,    /* a scraper's header line (" date 2025-05-14") */
    LG_SRC_DATELINE,  /* a date line near the headline, a signature like (MENAFN) */
    LG_SRC_BODY,      /* read from the article's text */
    LG_SRC_URL        /* the canonical URL or source path */
} lg_source;

const char *lg_source_name(lg_source s);   /* "flag", "json", "meta", ... "" */

/* ---- title (title.c) ---- */
/* The headline: HTML og:title/<title> with the site name stripped, else the
 * first heading-like block that is not a section label (`Military`,
 * `REGION`), a menu word, a date line or the site's name. malloc()ed or NULL;
 * *src says where it came from. Reads blocks whether kept or not. */
char *lg_extract_title(const lg_page *page, lg_source *src);

/* ---- publication date (pubdate.c) ---- */
/* The publication date: HTML markup stating it (article:published_time,
 * JSON-LD datePublished, ...; a UTC stamp takes the local day the page
 * shows), else the day in the canonical URL ("/2019/10/18/"), else a
 * <time> element, else a date line at the top of the page (before or just
 * after the headline), else a dateline in the first body paragraph
 * ("MOSCOW, May 21, 2024 (Reuters) -"), else a scraper's header line
 * (" date 2025-05-14"), which may be the day of the crawl.
 * Dates the story mentions ("in 2014", "in June this year") are never
 * taken. Returns the precision LG_DATE_UNKNOWN with *src LG_SRC_NONE when
 * nothing states it. */
lg_date lg_extract_date(const lg_page *page, lg_source *src);

/* ---- outlet (outlet.c) ---- */
/* The publishing outlet from signatures on the page: `(MENAFN)`,
 * `Caliber.az © 2024`, `Discover more from Elrisala`, og:site_name, the
 * canonical URL's domain (`www.` dropped). *via gets an agency the page
 * says it relays (`reports via TASS`, `Source of information … X`), else
 * NULL. Both malloc()ed. */
char *lg_extract_outlet(const lg_page *page, char **via, lg_source *src);

/* ---- speakers (speakers.c) ---- */
typedef struct {
    char *name;      /* as written, longest form seen ("Sergey Lavrov") */
    unsigned mentions;  /* times reported speaking */
} lg_speaker_hit;

/* The people the kept text reports speaking: names next to speech verbs
 * (said, stated, noted, told, added, according to ...) and titles resolved
 * to the last named holder (`the foreign minister`, `Russia's top
 * diplomat`). Sorted by mentions, most first (ties: first seen). The
 * caller frees with lg_speakers_free. */
int lg_extract_speakers(const lg_page *page, lg_speaker_hit **out, size_t *n);
void lg_speakers_free(lg_speaker_hit *s, size_t n);

#endif
