/*
 * quotes.h — the quotations in an article's clean text, each attributed.
 *
 * Input is the clean text as stored (paragraphs separated by blank lines).
 * Marks: “…” "…" «…» „…“ ‚…‘ and ‘…’ (single quotes only nested in others,
 * or as a short fragment), and the convention where a quotation runs over
 * several paragraphs: each opens with a mark, only the last closes. Broken
 * input is survived: a misplaced closing mark (`possibility »of reaching`),
 * unbalanced marks, a quote that never closes (it ends with its paragraph).
 * Apostrophes inside words (Russia’s, don't) are never quote marks.
 *
 * A quotation is `partial` when it is a fragment inside the reporter's own
 * sentence ("balance of interests") rather than a statement of its own.
 * The same quotation repeated in one article is reported once.
 *
 * Attribution: the person the sentence or its neighbour says is speaking —
 * `"…," Lavrov said`, `Lavrov said: «…»`, `according to …`, pronouns and
 * titles (`he added`, `the foreign minister`) resolved to the last named
 * person, through the article's speakers (extract.h). A quoted fragment that
 * is someone else's words (`Kellogg … called the Minsk agreements a "failed
 * attempt"`) is attributed to that someone. No speaker found: NULL and
 * confidence 0 — never a guess.
 */
#ifndef LEGATE_QUOTES_H
#define LEGATE_QUOTES_H

#include <stddef.h>

#include "extract.h"

typedef struct {
    char *text;          /* the words inside the marks; paragraphs joined by
                            one space; white space folded; a comma closing
                            it (`"…," he said`) dropped; malloc()ed */
    size_t start, end;   /* byte span in the input text, marks included */
    int partial;
    char *speaker;       /* as the article names them (longest form), or NULL */
    double confidence;   /* 0 < c <= 1 with a speaker; 0 without */
} lg_quote;

/* Finds the quotations of `text`. `speakers` (may be NULL) are the
 * article's speakers, used to complete surnames and resolve titles.
 * Returns 0, or -1 on allocation failure. Free with lg_quotes_free. */
int lg_extract_quotes(const char *text, size_t len, const lg_speaker_hit *speakers,
                      size_t n_speakers, lg_quote **out, size_t *n);
void lg_quotes_free(lg_quote *q, size_t n);

#endif
