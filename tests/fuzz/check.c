#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "derive.h"

void fz_require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "invariant broken: %s\n", what);
        abort();
    }
}

void fz_require_utf8(const char *s, const char *what)
{
    fz_require(!s || lg_utf8_invalid_at(s, strlen(s)) == (size_t)-1, what);
}

void fz_check_quotes(size_t len, const lg_quote *q, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fz_require(q[i].start < q[i].end && q[i].end <= len, "quote span inside the text");
        fz_require(q[i].text != NULL, "quote has text");
        fz_require_utf8(q[i].text, "quote text is UTF-8");
        fz_require_utf8(q[i].speaker, "quote speaker is UTF-8");
        fz_require(q[i].speaker ? q[i].confidence > 0 && q[i].confidence <= 1
                                : q[i].confidence == 0,
                   "confidence in (0, 1] with a speaker, 0 without");
    }
}

void fz_check_article(const lg_article *a)
{
    fz_require(a->text != NULL && strlen(a->text) == a->text_len, "article text, its length");
    fz_require_utf8(a->text, "article text is UTF-8");
    fz_require_utf8(a->title, "title is UTF-8");
    fz_require_utf8(a->outlet, "outlet is UTF-8");
    fz_require_utf8(a->via, "via is UTF-8");
    fz_require_utf8(a->speaker, "speaker is UTF-8");
    fz_require_utf8(a->lang, "lang is UTF-8");
    for (size_t i = 0; i < a->n_speakers; i++)
        fz_require_utf8(a->speakers[i].name, "speaker hit is UTF-8");
    fz_check_quotes(a->text_len, a->quotes, a->n_quotes);
}

/* Every eighth hash "was seen" on three other pages: cross-page furniture. */
static unsigned seen(void *ctx, const char *site, uint64_t hash)
{
    (void)ctx, (void)site;
    return (hash & 7) == 0 ? 3 : 0;
}

static int record(void *ctx, const char *site, const uint64_t *hashes, size_t n)
{
    (void)ctx, (void)site, (void)hashes, (void)n;
    return 0;
}

void fz_derive_file(const unsigned char *data, size_t size, lg_format_kind format)
{
    lg_article a = {0};
    a.format = format;
    a.source = strdup("/fuzz/page");
    a.origin = strdup("/fuzz/page");
    a.raw = malloc(size + 1);  /* NUL-terminated, as lg_read_file reads it */
    fz_require(a.source && a.origin && a.raw, "allocation");
    memcpy(a.raw, data, size);
    a.raw[size] = '\0';
    a.raw_len = size;
    lg_site_memory memory = {seen, record, NULL};
    lg_err e;
    if (lg_derive(&a, &memory, &e) == 0)
        fz_check_article(&a);
    else
        fz_require(format == LG_FORMAT_HTML && e.code == LG_EXIT_NONE,
                   "only unparsable HTML fails to derive");
    lg_article_clear(&a);
}
