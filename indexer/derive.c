#include "derive.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "clean.h"
#include "page.h"
#include "strbuf.h"

typedef struct {
    const lg_site_memory *memory;
    const char *site;
} seen_ctx;

static unsigned seen_on_site(void *ctx, uint64_t hash)
{
    seen_ctx *c = ctx;
    return c->memory->seen(c->memory->ctx, c->site, hash);
}

/* Pages of one outlet share furniture; without an outlet, pages scraped
 * into one directory are the best guess of a site. */
static char *site_of(const lg_article *a)
{
    char key[256];
    lg_sb sb = LG_SB_INIT;
    if (a->outlet && lg_name_key(a->outlet, strlen(a->outlet), key, sizeof key) > 0) {
        lg_sb_addf(&sb, "outlet:%s", key);
    } else {
        char *copy = strdup(a->origin ? a->origin : "");
        lg_sb_addf(&sb, "dir:%s", copy ? dirname(copy) : "");
        free(copy);
    }
    return lg_sb_detach(&sb, NULL);
}

static int by_hash(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Records the page's distinct block hashes for its site. */
static int remember_blocks(const lg_page *page, const lg_site_memory *m, const char *site)
{
    uint64_t *h = malloc((page->n ? page->n : 1) * sizeof *h);
    if (!h)
        return -1;
    for (size_t i = 0; i < page->n; i++)
        h[i] = lg_block_hash(page->blocks[i].text, page->blocks[i].len);
    qsort(h, page->n, sizeof *h, by_hash);
    size_t n = 0;
    for (size_t i = 0; i < page->n; i++)
        if (n == 0 || h[n - 1] != h[i])
            h[n++] = h[i];
    int rc = m->record(m->ctx, site, h, n);
    free(h);
    return rc;
}

static void take(char **dst, lg_source *dst_src, char *value, lg_source src)
{
    if (!value)
        return;
    free(*dst);
    *dst = value;
    *dst_src = src;
}

static int clean_page(lg_article *a, lg_page *page, const lg_site_memory *m)
{
    char *site = site_of(a);
    seen_ctx sc = {m, site};
    lg_clean(page, m ? seen_on_site : NULL, &sc);
    int rc = m ? remember_blocks(page, m, site) : 0;
    free(site);
    /* Never lose an article to cleaning: if nothing looked like one, keep
     * the page whole. */
    size_t kept = 0;
    for (size_t i = 0; i < page->n; i++)
        kept += page->blocks[i].keep != 0;
    for (size_t i = 0; !kept && i < page->n; i++)
        page->blocks[i].keep = 1;
    return rc;
}

static void derive_metadata(lg_article *a, const lg_page *page)
{
    char *via = NULL;
    lg_source src = LG_SRC_NONE;
    if (!a->outlet) {
        char *outlet = lg_extract_outlet(page, &via, &src);
        take(&a->outlet, &a->outlet_src, outlet, src);
    } else {
        free(lg_extract_outlet(page, &via, &src));
    }
    if (!a->via)
        a->via = via;
    else
        free(via);
    if (!a->title)
        take(&a->title, &a->title_src, lg_extract_title(page, &src), src);
    if (a->date.precision == LG_DATE_UNKNOWN) {
        a->date = lg_extract_date(page, &src);
        a->date_src = a->date.precision == LG_DATE_UNKNOWN ? LG_SRC_NONE : src;
    }
    if (!a->lang && page->lang) {
        a->lang = strdup(page->lang);
    }
}

/* Speakers, then the quotations of the clean text attributed to them. */
static int derive_speakers(lg_article *a, const lg_page *page)
{
    if (lg_extract_speakers(page, &a->speakers, &a->n_speakers) != 0)
        return -1;
    if (!a->speaker && a->n_speakers) {
        a->speaker = strdup(a->speakers[0].name);
        a->speaker_src = LG_SRC_BODY;
    }
    return lg_extract_quotes(a->text, a->text_len, a->speakers, a->n_speakers, &a->quotes,
                             &a->n_quotes);
}

static int derive_file(lg_article *a, const lg_site_memory *m, lg_err *e)
{
    lg_page page = {0};
    int rc;
    if (a->format == LG_FORMAT_HTML) {
        rc = lg_page_from_html(a->raw, a->raw_len, a->origin, &page, e);
        if (rc != 0)
            e->code = LG_EXIT_NONE; /* a bad input, not a database failure */
    } else if ((rc = lg_page_from_text(a->raw, a->raw_len, &page)) != 0)
        lg_err_set(e, LG_EXIT_DB, "%s: out of memory", a->origin);
    if (rc == 0) {
        derive_metadata(a, &page);
        if (clean_page(a, &page, m) != 0)
            rc = lg_err_set(e, LG_EXIT_DB, "%s: cannot record site blocks", a->origin);
    }
    if (rc == 0) {
        free(a->text);
        a->text = lg_page_kept_text(&page, &a->text_len);
        rc = a->text && derive_speakers(a, &page) == 0
                 ? 0 : lg_err_set(e, LG_EXIT_DB, "%s: out of memory", a->origin);
    }
    lg_page_free(&page);
    return rc;
}

/* A feed's text is clean already: every line is kept. */
static int derive_record(lg_article *a, lg_err *e)
{
    lg_page page = {0};
    int rc = lg_page_from_text(a->text, a->text_len, &page);
    for (size_t i = 0; rc == 0 && i < page.n; i++)
        page.blocks[i].keep = 1;
    if (rc == 0)
        rc = derive_speakers(a, &page);
    lg_page_free(&page);
    return rc == 0 ? 0 : lg_err_set(e, LG_EXIT_DB, "%s: out of memory", a->source);
}

int lg_derive(lg_article *a, const lg_site_memory *memory, lg_err *e)
{
    int rc = a->raw ? derive_file(a, memory, e) : derive_record(a, e);
    if (rc == 0)
        lg_minhash_of(a->text, a->text_len, &a->minhash);
    return rc;
}
