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

/* One boolean term per word of the speaker's key. */
static int add_speaker_words(xs_doc *doc, const char *key, lg_sb *term)
{
    char word[256];
    while (key && *key) {
        size_t n = strcspn(key, " ");
        if (n && n < sizeof word) {
            memcpy(word, key, n);
            word[n] = '\0';
            if (add_bool(doc, LG_F_SPEAKER, word, term) != 0)
                return -1;
        }
        key += n + (key[n] == ' ');
    }
    return 0;
}

static int add_filters(xs_doc *doc, const lg_stored *a, lg_sb *term)
{
    char id[32], slot[9] = "";
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    if (a->date) {
        lg_date d;
        size_t at;
        if (lg_date_parse_iso(a->date, strlen(a->date), &d, &at) == 0)
            lg_date_slot(&d, slot);
    }
    if (add_bool(doc, LG_F_ID, id, term) != 0 || add_bool(doc, LG_F_KIND, "article", term) != 0 ||
        add_bool(doc, LG_F_OUTLET, a->outlet_key, term) != 0 ||
        add_speaker_words(doc, a->speaker_key, term) != 0 ||
        add_bool(doc, LG_F_LANG, a->lang, term) != 0)
        return -1;
    if (add_value(doc, LG_F_DATE, slot) != 0 || add_value(doc, LG_F_OUTLET, a->outlet_key) != 0 ||
        add_value(doc, LG_F_SPEAKER, a->speaker_key) != 0 || add_value(doc, LG_F_LANG, a->lang) != 0)
        return -1;
    return 0;
}

int lg_docbuild(const lg_stored *a, lg_stemmer *st, xs_doc **out, lg_err *e)
{
    text_ctx c = {.stemmer = st, .term = LG_SB_INIT};
    if (xs_doc_new(&c.doc) != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    const char *title_prefix = lg_field_get(LG_F_TITLE)->xprefix;
    const char *text_prefix = lg_field_get(LG_F_TEXT)->xprefix;
    size_t title_len = a->title ? strlen(a->title) : 0;
    uint32_t end, ignored;
    int rc = index_text(&c, title_prefix, a->title, title_len, 0, &ignored);
    if (rc == 0)
        rc = index_text(&c, text_prefix, a->title, title_len, 0, &end);
    if (rc == 0)
        rc = index_text(&c, text_prefix, a->text, a->text_len, end + LG_TITLE_GAP, &ignored);
    if (rc == 0)
        rc = add_filters(c.doc, a, &c.term);
    lg_sb_release(&c.term);
    if (rc != 0) {
        xs_doc_free(c.doc);
        return lg_err_set(e, LG_EXIT_DB, "article %lld: cannot build its Xapian document",
                          (long long)a->id);
    }
    *out = c.doc;
    return 0;
}
