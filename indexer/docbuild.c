#include "docbuild.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "strbuf.h"

typedef struct {
    xs_doc *doc;
    lg_stemmer *stemmer;
    const char *prefix;
    uint32_t base;      /* added to token positions */
    uint32_t last_pos;
    lg_sb term;
    xs_status st;
} text_ctx;

static int add_token(void *vctx, const lg_token *tok)
{
    text_ctx *c = vctx;
    lg_sb_reset(&c->term);
    lg_sb_adds(&c->term, c->prefix);
    lg_sb_add(&c->term, tok->term, tok->len);
    c->last_pos = c->base + tok->pos;
    c->st = xs_doc_add_posting(c->doc, c->term.buf, c->term.len, c->last_pos);
    size_t len;
    const char *stem = c->st == XS_OK ? lg_stem(c->stemmer, tok, &len) : NULL;
    if (stem) {
        lg_sb_reset(&c->term);
        lg_sb_addc(&c->term, 'Z');
        lg_sb_adds(&c->term, c->prefix);
        lg_sb_add(&c->term, stem, len);
        c->st = xs_doc_add_term(c->doc, c->term.buf, c->term.len, 1);
    }
    return c->st != XS_OK;
}

/* Indexes `text` under `prefix` from position base+1; returns the last
 * position used (base if there was no token). */
static int index_text(text_ctx *c, const char *prefix, const char *text, size_t len,
                      uint32_t base, uint32_t *last)
{
    c->prefix = prefix;
    c->base = c->last_pos = base;
    int rc = text ? lg_tokenize(text, len, add_token, c) : 0;
    *last = c->last_pos;
    return rc == 0 && c->st == XS_OK ? 0 : -1;
}

static int add_bool(xs_doc *doc, lg_field_id f, const char *key, lg_sb *term)
{
    if (!key || !*key)
        return 0;
    lg_sb_reset(term);
    lg_sb_adds(term, lg_field_get(f)->xprefix);
    lg_sb_adds(term, key);
    return xs_doc_add_boolean(doc, term->buf, term->len) == XS_OK ? 0 : -1;
}

static int add_value(xs_doc *doc, lg_field_id f, const char *v)
{
    if (!v || !*v)
        return 0;
    return xs_doc_set_value(doc, lg_field_get(f)->slot, v, strlen(v)) == XS_OK ? 0 : -1;
}

/* One boolean term per word of each speaker's key ('|' between keys), so
 * speaker:lavrov finds every article that reports Lavrov speaking. */
static int add_speaker_words(xs_doc *doc, const char *key, lg_sb *term)
{
    char word[256];
    while (key && *key) {
        size_t n = strcspn(key, " |");
        if (n && n < sizeof word) {
            memcpy(word, key, n);
            word[n] = '\0';
            if (add_bool(doc, LG_F_SPEAKER, word, term) != 0)
                return -1;
        }
        key += n + (key[n] != '\0');
    }
    return 0;
}

/* The year and month terms of a slot value (fields.def): a date range
 * becomes a few posting lists instead of a date read per match. */
static int add_date_terms(xs_doc *doc, const char *slot, lg_sb *term)
{
    char year[5], month[7];
    if (!*slot)
        return 0;
    snprintf(year, sizeof year, "%.4s", slot);
    snprintf(month, sizeof month, "%.6s", slot);
    return add_bool(doc, LG_F_DATE, year, term) != 0 || add_bool(doc, LG_F_DATE, month, term) != 0
               ? -1
               : 0;
}

/* What an article and each of its quotations share: date, outlet and
 * language filters and values. */
static int add_article_filters(xs_doc *doc, const lg_stored *a, lg_sb *term)
{
    char slot[9] = "";
    lg_date d;
    size_t at;
    if (a->date && lg_date_parse_iso(a->date, strlen(a->date), &d, &at) == 0)
        lg_date_slot(&d, slot);
    if (add_date_terms(doc, slot, term) != 0 || add_bool(doc, LG_F_OUTLET, a->outlet_key, term) != 0 ||
        add_bool(doc, LG_F_LANG, a->lang, term) != 0 || add_value(doc, LG_F_DATE, slot) != 0 ||
        add_value(doc, LG_F_OUTLET, a->outlet_key) != 0 || add_value(doc, LG_F_LANG, a->lang) != 0)
        return -1;
    return 0;
}

/* The unique id term, the kind, and the speaker's terms and value. */
static int add_identity(xs_doc *doc, uint64_t docid, const char *kind, const char *speaker_words,
                        const char *speaker_key, lg_sb *term)
{
    char id[32];
    snprintf(id, sizeof id, "%llu", (unsigned long long)docid);
    if (add_bool(doc, LG_F_ID, id, term) != 0 || add_bool(doc, LG_F_KIND, kind, term) != 0 ||
        add_speaker_words(doc, speaker_words, term) != 0 ||
        add_value(doc, LG_F_SPEAKER, speaker_key) != 0)
        return -1;
    return 0;
}

static int new_doc(text_ctx *c, lg_stemmer *st, lg_err *e)
{
    *c = (text_ctx){.stemmer = st, .term = LG_SB_INIT};
    if (xs_doc_new(&c->doc) != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    return 0;
}

static int finish_doc(text_ctx *c, int rc, xs_doc **out, const char *what, int64_t id, lg_err *e)
{
    lg_sb_release(&c->term);
    if (rc != 0) {
        xs_doc_free(c->doc);
        return lg_err_set(e, LG_EXIT_DB, "%s %lld: cannot build its Xapian document", what,
                          (long long)id);
    }
    *out = c->doc;
    return 0;
}

/* Title, then body, then each quotation again under the quote prefix (for
 * quote: searches), each LG_TITLE_GAP positions from the last. */
static int index_article_text(text_ctx *c, const lg_stored *a, const lg_stored_quote *quotes,
                              size_t n_quotes)
{
    const char *title_prefix = lg_field_get(LG_F_TITLE)->xprefix;
    const char *text_prefix = lg_field_get(LG_F_TEXT)->xprefix;
    const char *quote_prefix = lg_field_get(LG_F_QUOTE)->xprefix;
    size_t title_len = a->title ? strlen(a->title) : 0;
    uint32_t end, ignored;
    int rc = index_text(c, title_prefix, a->title, title_len, 0, &ignored);
    if (rc == 0)
        rc = index_text(c, text_prefix, a->title, title_len, 0, &end);
    if (rc == 0)
        rc = index_text(c, text_prefix, a->text, a->text_len, end + LG_TITLE_GAP, &end);
    for (size_t i = 0; rc == 0 && i < n_quotes; i++)
        rc = index_text(c, quote_prefix, quotes[i].text, quotes[i].text_len, end + LG_TITLE_GAP,
                        &end);
    return rc;
}

int lg_docbuild(const lg_stored *a, const lg_stored_quote *quotes, size_t n_quotes,
                lg_stemmer *st, xs_doc **out, lg_err *e)
{
    text_ctx c;
    if (new_doc(&c, st, e) != 0)
        return -1;
    int rc = index_article_text(&c, a, quotes, n_quotes);
    if (rc == 0)
        rc = add_article_filters(c.doc, a, &c.term);
    if (rc == 0)
        rc = add_identity(c.doc, (uint64_t)a->id, "article",
                          a->speaker_keys ? a->speaker_keys : a->speaker_key, a->speaker_key, &c.term);
    char group[32];
    snprintf(group, sizeof group, "%lld", (long long)a->dup_group);
    if (rc == 0 && a->dup_group) /* no key: Xapian's collapser skips it */
        rc = add_value(c.doc, LG_F_DUP_GROUP, group);
    return finish_doc(&c, rc, out, "article", a->id, e);
}

int lg_docbuild_quote(const lg_stored *a, const lg_stored_quote *q, lg_stemmer *st, xs_doc **out,
                      lg_err *e)
{
    text_ctx c;
    if (new_doc(&c, st, e) != 0)
        return -1;
    char parent[32];
    snprintf(parent, sizeof parent, "%lld", (long long)a->id);
    uint32_t ignored;
    int rc = index_text(&c, lg_field_get(LG_F_TEXT)->xprefix, q->text, q->text_len, 0, &ignored);
    if (rc == 0)
        rc = add_article_filters(c.doc, a, &c.term);
    if (rc == 0)
        rc = add_identity(c.doc, lg_quote_docid(q->id), "quote", q->speaker_key, q->speaker_key,
                          &c.term);
    if (rc == 0)
        rc = add_bool(c.doc, LG_F_PARENT, parent, &c.term);
    if (rc == 0)
        rc = add_value(c.doc, LG_F_QUOTE_KEY, q->qkey);
    return finish_doc(&c, rc, out, "quote", q->id, e);
}
