/*
 * htmlpage.c — an HTML page as blocks: libxml2's forgiving HTML parser,
 * then one walk over the tree that cuts text at block-level elements and
 * records, per block, what the markup says about it (links, furniture,
 * main-content container), and the metadata the head and JSON-LD state.
 */
#include "page.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "date.h"
#include "strbuf.h"
#include "xmllib.h"

/* ---- element classes --------------------------------------------- */

static int tag_in(const xmlNode *n, const char *const *tags)
{
    for (; *tags; tags++)
        if (strcmp((const char *)n->name, *tags) == 0)
            return 1;
    return 0;
}

static int is_tag(const xmlNode *n, const char *tag)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, tag) == 0;
}

static size_t text_size(const xmlNode *n, size_t enough);

/* Text reading a fallback <noscript> holds: Blogger puts the whole post
 * there, and a stray <div> in a <noscript> makes the parser put the rest of
 * the page inside it. A notice to enable JavaScript is shorter. */
#define NOSCRIPT_TEXT 200

/* Never text a reader sees (rt and rp are ruby readings: furigana would
 * break up Japanese words). */
static int is_skipped(const xmlNode *n)
{
    static const char *const tags[] = {"script", "style", "svg", "template", "iframe", "object", "embed",
                                       "canvas", "textarea", "video", "audio", "rt", "rp", NULL};
    if (tag_in(n, tags))
        return 1;
    return is_tag(n, "noscript") && text_size(n, NOSCRIPT_TEXT) < NOSCRIPT_TEXT;
}

/* Elements that start and end a block of text. */
static int is_block(const xmlNode *n)
{
    static const char *const tags[] = {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
        "menu", "nav", "ol", "option", "p", "pre", "section", "select", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend", "button", NULL};
    return tag_in(n, tags);
}

/* Lower-cased copy of an attribute into buf ("" when absent). */
static const char *attr_lower(const xmlNode *n, const char *name, char *buf, size_t cap)
{
    xmlChar *v = lg_xml_get_prop(n, (const xmlChar *)name);
    size_t i = 0;
    if (v) {
        for (; v[i] && i + 1 < cap; i++)
            buf[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
        lg_xml_free(v);
    }
    buf[i] = '\0';
    return buf;
}

/*
 * Names sites give to menus, share bars, comment sections, author boxes,
 * captions and notices, matched as the start of a word of a class or id
 * ("mainNav", "share-bar", "comments"). Measured on the trafilatura set:
 * "header" is not among them (article title blocks are entry-header,
 * article-header...), nor "teaser", German sites' name for the lead, nor
 * "hidden", which responsive themes put on whatever a phone does not show.
 */
static const char *const prefix_words[] = {
    "nav", "menu", "breadcrumb", "share", "sharing", "shariff", "social", "comment", "related",
    "recommend", "subscribe", "newsletter", "cookie", "consent", "footer", "sidebar",
    "advert", "pagination", "login", "popular", "outbrain", "taboola", "caption", "author", "meta",
    "bio", "modal", "overlay", "carousel", NULL};
/* Words that name furniture only whole ("ad", not "address") and as the
 * first word of a class ("widget_text", "ad-slot"): later in one they
 * qualify another box ("elementor-widget" is every Elementor box,
 * "Section--Ads" an article section with adverts in it, and
 * "banners-contenido-nota" a news body). */
static const char *const whole_words[] = {"tags", "promo", "ad", "ads", "widget", "banner", NULL};

static int segment_furniture(const char *seg, int first)
{
    for (const char *const *w = prefix_words; *w; w++)
        if (strncmp(seg, *w, strlen(*w)) == 0)
            return 1;
    for (const char *const *w = whole_words; *w && first; w++)
        if (strcmp(seg, *w) == 0)
            return 1;
    return 0;
}

/* Words after which the rest of a class name says what the box holds or
 * lacks, not what it is: "no-share" and "has-sharing" mark an article
 * without or with a share bar, and WordPress lists a post's taxonomy as
 * "category-social-issues", "tag-menu-ideas" on the post itself. */
static int is_qualifier(const char *seg)
{
    static const char *const words[] = {"no", "has", "with", "enable", "category", "tag", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(seg, *w) == 0)
            return 1;
    return 0;
}

/* Splits a class or id into words (at punctuation and camelCase humps),
 * lower-cased, and asks each, saying whether it starts a class name,
 * until a qualifier ends the class name's say. */
static int names_in(const xmlChar *v)
{
    char seg[64];
    size_t n = 0;
    int first = 1, qualified = 0;
    for (const xmlChar *s = v;; s++) {
        int alnum = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');
        int hump = n && *s >= 'A' && *s <= 'Z' && s[-1] >= 'a' && s[-1] <= 'z';
        if ((!alnum || hump) && n) {
            seg[n] = '\0';
            if (!qualified && segment_furniture(seg, first))
                return 1;
            qualified |= is_qualifier(seg);
            n = 0;
            first = 0;
        }
        if (*s == ' ' || (*s >= '\t' && *s <= '\r')) {
            first = 1;
            qualified = 0;
        }
        if (!*s)
            return 0;
        if (alnum && n + 1 < sizeof seg)
            seg[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
    }
}

static int names_furniture(const xmlNode *n)
{
    static const char *const attrs[] = {"class", "id", "role"};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        xmlChar *v = lg_xml_get_prop(n, (const xmlChar *)attrs[i]);
        int hit = v && names_in(v);
        lg_xml_free(v);
        if (hit)
            return 1;
    }
    return 0;
}

static int is_hidden(const xmlNode *n)
{
    char buf[512];
    if (lg_xml_has_prop(n, (const xmlChar *)"hidden"))
        return 1;
    if (strcmp(attr_lower(n, "aria-hidden", buf, sizeof buf), "true") == 0)
        return 1;
    const char *style = attr_lower(n, "style", buf, sizeof buf);
    return strstr(style, "display:none") || strstr(style, "display: none") ||
           strstr(style, "visibility:hidden") || strstr(style, "visibility: hidden");
}

static int inside_article_element(const xmlNode *n)
{
    for (const xmlNode *a = n->parent; a; a = a->parent)
        if (is_tag(a, "article") || is_tag(a, "main"))
            return 1;
    return 0;
}

/* Furniture by tag wherever it is (a <figcaption> is a photo's caption and
 * credit, like a class named caption); <header> and <form> only outside the
 * article container (and a <header> outside any <article> or <main>), where
 * they are the site's bar and its search box: inside, they are the
 * article's own title block and order forms. Never <body> or <html>: their
 * classes list every widget of the theme. */
static int is_furniture(const xmlNode *n, int in_article)
{
    static const char *const tags[] = {"nav", "footer", "aside", "button", "select", "label",
                                       "menu", "dialog", "figcaption", NULL};
    if (is_tag(n, "body") || is_tag(n, "html"))
        return 0;
    int outer = !in_article && (is_tag(n, "form") || (is_tag(n, "header") && !inside_article_element(n)));
    return outer || tag_in(n, tags) || names_furniture(n) || is_hidden(n);
}

/* ---- the main-content container ------------------------------------ */

/*
 * Where sites put the article, from the most to the least specific name
 * (the order trafilatura's body expressions use). Patterns match the
 * lower-cased class or id: "~x" contains x, "=x" equals x, "^x" starts
 * with x.
 */
static const char *const container_tiers[][24] = {
    {"~post-text", "~post_text", "~post-body", "~post-entry", "~postentry", "~post-content",
     "~post_content", "~postcontent", "~article-text", "~articletext", "~entry-content",
     "~article-content", "~article__content", "~article-body", "~article__body", "~articlebody",
     "~articlecontent", "~text-content", "~body-text", "~art-content", "~story-body",
     "~storycontent", "~story-content", NULL},
    {"=article", "=story", "=text", "^article ", "~post-bodycopy", "~postarea", "~blog-content",
     "~single-content", "~single-post", "~main-column", "~field-body", "~fulltext", NULL},
    {"~content-main", "~content_main", "~content-body", "~contentbody", "~content__body",
     "~main-content", "~page-content", "=content", NULL},
    {"^main", NULL},
};
#define N_TIERS (sizeof container_tiers / sizeof container_tiers[0])

static int pattern_matches(const char *v, const char *pat)
{
    const char *p = pat + 1;
    switch (pat[0]) {
    case '=':
        return strcmp(v, p) == 0;
    case '^':
        return strncmp(v, p, strlen(p)) == 0;
    default:
        return strstr(v, p) != NULL;
    }
}

static int names_tier(const xmlNode *n, size_t tier)
{
    char cls[512], id[256];
    attr_lower(n, "class", cls, sizeof cls);
    attr_lower(n, "id", id, sizeof id);
    for (const char *const *p = container_tiers[tier]; *p; p++)
        if (pattern_matches(cls, *p) || pattern_matches(id, *p))
            return 1;
    return 0;
}

/* The container tier an element names, N_TIERS when none. <article> and
 * itemprop=articleBody rank with the best names, <main> with the last. */
static size_t container_tier(const xmlNode *n)
{
    static const char *const tags[] = {"article", "div", "main", "section", NULL};
    char buf[64];
    if (strcmp(attr_lower(n, "itemprop", buf, sizeof buf), "articlebody") == 0 || is_tag(n, "article"))
        return 0;
    if (!tag_in(n, tags))
        return N_TIERS;
    for (size_t t = 0; t < N_TIERS; t++)
        if (names_tier(n, t))
            return t;
    return is_tag(n, "main") ? N_TIERS - 1 : N_TIERS;
}

/* Visible text bytes under n outside links (white space excluded),
 * stopping at `enough`: how much a reader would read there. */
static size_t text_size(const xmlNode *n, size_t enough)
{
    size_t total = 0;
    for (const xmlNode *c = n->children; c && total < enough; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            for (const xmlChar *s = c->content; *s; s++)
                total += *s > ' ';
        } else if (c->type == XML_ELEMENT_NODE && !is_skipped(c) && !is_tag(c, "a")) {
            total += text_size(c, enough - total);
        }
    }
    return total;
}

/* A container holds at least this much text and this share of the page's:
 * less is a teaser, a box or an empty shell. */
#define CONTAINER_MIN_TEXT 200
#define CONTAINER_MIN_SHARE 0.1

/* The first element of the best tier with enough text; a box named like
 * furniture ("registration-modal", "main-sidebars") never qualifies. */
static void find_container(const xmlNode *n, size_t need, const xmlNode **best, size_t *best_tier)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || is_skipped(n))
            continue;
        size_t tier = container_tier(n);
        if (tier < *best_tier && !is_furniture(n, 0) && text_size(n, need) >= need) {
            *best = n;
            *best_tier = tier;
        }
        find_container(n->children, need, best, best_tier);
    }
}

/* ---- metadata -------------------------------------------------------- */

/* One slot per source; a field takes its first filled slot, so the order
 * inside each group is the precedence page.h states. */
enum {
    M_TITLE,
    M_OG_TITLE, M_TWITTER_TITLE,
    M_SITE_OG, M_SITE_APP, M_SITE_LD,
    M_PUB_META, M_PUB_LD, M_PUB_ITEMPROP, M_PUB_NAME, M_PUB_MARKED,
    M_STAMP_TIME, M_STAMP_UPLOAD,
    M_CANON_LINK, M_CANON_OG,
    M_AUTHOR_META, M_AUTHOR_LD,
    M_LANG,
    M_SLOTS
};

typedef struct {
    char *slot[M_SLOTS];
    char *zoned[LG_PAGE_ZONED];
    size_t n_zoned;
} meta;

/* Keeps the first value per slot, with white space folded. */
static void meta_set(meta *m, int slot, const char *v)
{
    if (m->slot[slot] || !v)
        return;
    lg_sb sb = LG_SB_INIT;
    for (const char *s = v; *s; s++) {
        int space = *s == ' ' || (*s >= '\t' && *s <= '\r');
        if (!space)
            lg_sb_addc(&sb, *s);
        else if (sb.len && sb.buf[sb.len - 1] != ' ')
            lg_sb_addc(&sb, ' ');
    }
    if (sb.len && sb.buf[sb.len - 1] == ' ')
        sb.buf[--sb.len] = '\0';
    if (!sb.len || lg_utf8_invalid_at(sb.buf, sb.len) != (size_t)-1) {
        lg_sb_release(&sb);
        return;
    }
    m->slot[slot] = lg_sb_detach(&sb, NULL);
}

/* A date the markup states (slot one of the M_PUB or M_STAMP ones): kept
 * per slot like any value, and, written with a zone other than UTC, among
 * the page's zoned stamps (every one, not only a slot's first). */
static void meta_set_date(meta *m, int slot, const char *v)
{
    int minutes, known = 0;
    if (v && m->n_zoned < LG_PAGE_ZONED && lg_date_zone(v, strlen(v), &minutes) && minutes != 0) {
        for (size_t i = 0; i < m->n_zoned; i++)
            known |= strcmp(m->zoned[i], v) == 0;
        char *copy = known ? NULL : strdup(v);
        if (copy)
            m->zoned[m->n_zoned++] = copy;
    }
    meta_set(m, slot, v);
}

static int is_date_slot(int slot)
{
    return slot >= M_PUB_META && slot <= M_STAMP_UPLOAD;
}

static void meta_set_any(meta *m, int slot, const char *v)
{
    if (is_date_slot(slot))
        meta_set_date(m, slot, v);
    else
        meta_set(m, slot, v);
}

static void meta_set_prop(meta *m, int slot, const xmlNode *n, const char *attr)
{
    xmlChar *v = lg_xml_get_prop(n, (const xmlChar *)attr);
    meta_set_any(m, slot, (const char *)v);
    lg_xml_free(v);
}

static void meta_set_content(meta *m, int slot, const xmlNode *n)
{
    xmlChar *v = lg_xml_content(n);
    meta_set_any(m, slot, (const char *)v);
    lg_xml_free(v);
}

/* <meta name|property=key content=...>: which slot the key fills. */
static int meta_slot(const char *key)
{
    static const struct {
        const char *key;
        int slot;
    } keys[] = {
        {"og:title", M_OG_TITLE}, {"twitter:title", M_TWITTER_TITLE},
        {"og:site_name", M_SITE_OG}, {"application-name", M_SITE_APP},
        {"article:published_time", M_PUB_META}, {"og:published_time", M_PUB_META},
        {"article:published", M_PUB_META}, {"date", M_PUB_NAME}, {"pubdate", M_PUB_NAME},
        {"publishdate", M_PUB_NAME}, {"publish-date", M_PUB_NAME}, {"publish_date", M_PUB_NAME},
        {"datepublished", M_PUB_NAME}, {"dc.date", M_PUB_NAME}, {"dc.date.issued", M_PUB_NAME},
        {"dc.date.created", M_PUB_NAME}, {"dcterms.date", M_PUB_NAME}, {"dcterms.issued", M_PUB_NAME},
        {"dcterms.created", M_PUB_NAME}, {"parsely-pub-date", M_PUB_NAME}, {"sailthru.date", M_PUB_NAME},
        {"release_date", M_PUB_NAME}, {"og:release_date", M_PUB_NAME}, {"release:date", M_PUB_NAME},
        {"dcsext.articlefirstpublished", M_PUB_NAME}, {"og:url", M_CANON_OG},
        {"author", M_AUTHOR_META},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i].key) == 0)
            return keys[i].slot;
    return -1;
}

static void meta_tag(meta *m, const xmlNode *n)
{
    char buf[64];
    static const char *const attrs[] = {"property", "name"};
    for (size_t i = 0; i < 2; i++) {
        int slot = meta_slot(attr_lower(n, attrs[i], buf, sizeof buf));
        if (slot >= 0)
            meta_set_prop(m, slot, n, "content");
    }
}

/* A JSON-LD name: a string, an object's "name", or the first of an array. */
static const char *ld_name(json_t *v)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v))
        v = json_object_get(v, "name");
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void ld_visit(meta *m, json_t *v, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
            ld_visit(m, item, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    static const struct {
        const char *key;
        int slot;
    } dates[] = {{"datePublished", M_PUB_LD}, {"uploadDate", M_STAMP_UPLOAD}, {"dateCreated", M_STAMP_UPLOAD}};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        json_t *date = json_object_get(v, dates[i].key);
        meta_set_date(m, dates[i].slot, json_is_string(date) ? json_string_value(date) : NULL);
    }
    meta_set(m, M_SITE_LD, ld_name(json_object_get(v, "publisher")));
    meta_set(m, M_AUTHOR_LD, ld_name(json_object_get(v, "author")));
    ld_visit(m, json_object_get(v, "@graph"), depth + 1);
}

static void json_ld(meta *m, const xmlNode *n)
{
    xmlChar *text = lg_xml_content(n);
    if (!text)
        return;
    json_t *root = json_loads((const char *)text, JSON_DECODE_ANY, NULL);
    lg_xml_free(text);
    ld_visit(m, root, 0);
    json_decref(root);
}

/* <time pubdate>, or a <time> or <abbr> whose class says it is the
 * publication ("published", "dt-published", "publishdate"), not an update
 * ("entry-date updated"). */
static int marks_published(const xmlNode *n)
{
    char cls[256];
    if (lg_xml_has_prop(n, (const xmlChar *)"pubdate"))
        return 1;
    attr_lower(n, "class", cls, sizeof cls);
    return strstr(cls, "publish") && !strstr(cls, "updated") && !strstr(cls, "modified");
}

static void meta_element(meta *m, const xmlNode *n)
{
    char buf[64];
    if (is_tag(n, "meta"))
        meta_tag(m, n);
    else if (is_tag(n, "title"))
        meta_set_content(m, M_TITLE, n);
    else if (is_tag(n, "time"))
        meta_set_prop(m, marks_published(n) ? M_PUB_MARKED : M_STAMP_TIME, n, "datetime");
    else if (is_tag(n, "abbr") && marks_published(n))
        meta_set_prop(m, M_PUB_MARKED, n, "title");
    else if (is_tag(n, "link") && strcmp(attr_lower(n, "rel", buf, sizeof buf), "canonical") == 0)
        meta_set_prop(m, M_CANON_LINK, n, "href");
    else if (is_tag(n, "script") && strcmp(attr_lower(n, "type", buf, sizeof buf), "application/ld+json") == 0)
        json_ld(m, n);
    attr_lower(n, "itemprop", buf, sizeof buf);
    int slot = strcmp(buf, "datepublished") == 0 ? M_PUB_ITEMPROP
               : strcmp(buf, "uploaddate") == 0 || strcmp(buf, "datecreated") == 0 ? M_STAMP_UPLOAD
                                                                                  : -1;
    if (slot >= 0) {
        static const char *const attrs[] = {"content", "datetime"};
        for (size_t i = 0; i < 2; i++)
            meta_set_prop(m, slot, n, attrs[i]);
        meta_set_content(m, slot, n);
    }
}

static void meta_lang(meta *m, const xmlNode *html)
{
    char buf[64];
    const char *lang = attr_lower(html, "lang", buf, sizeof buf);
    if (lang[0] >= 'a' && lang[0] <= 'z' && lang[1] >= 'a' && lang[1] <= 'z') {
        buf[2] = '\0';
        meta_set(m, M_LANG, buf);
    }
}

/* Moves the first filled slot of [from, to] into *field; frees the rest. */
static void meta_take(meta *m, int from, int to, char **field)
{
    for (int s = from; s <= to; s++) {
        if (!*field)
            *field = m->slot[s];
        else
            free(m->slot[s]);
        m->slot[s] = NULL;
    }
}

static void meta_finish(meta *m, lg_page *page)
{
    meta_take(m, M_TITLE, M_TITLE, &page->html_title);
    meta_take(m, M_OG_TITLE, M_TWITTER_TITLE, &page->og_title);
    meta_take(m, M_SITE_OG, M_SITE_LD, &page->site_name);
    meta_take(m, M_PUB_META, M_PUB_MARKED, &page->published);
    meta_take(m, M_STAMP_TIME, M_STAMP_UPLOAD, &page->stamp);
    memcpy(page->zoned, m->zoned, sizeof m->zoned);
    page->n_zoned = m->n_zoned;
    meta_take(m, M_CANON_LINK, M_CANON_OG, &page->canonical);
    meta_take(m, M_AUTHOR_META, M_AUTHOR_LD, &page->author);
    meta_take(m, M_LANG, M_LANG, &page->lang);
}

/* ---- the walk ---------------------------------------------------------- */

/* What an element is for the text under it (see element_flags). */
enum { F_LINK = 1, F_HEAD = 2, F_FURNITURE = 4, F_ARTICLE = 8, F_BLOCK = 16 };

/* The walk's state: the block being read and what encloses it. Each text
 * node's visible bytes are counted by what encloses it, so a block's
 * flags are those of most of its text. */
typedef struct {
    lg_page *page;
    meta m;
    const xmlNode *container; /* the main-content element, or NULL */
    size_t body_text;         /* visible text bytes of the whole page */
    lg_sb text;               /* the block being read */
    const xmlNode *first;     /* its first text node: decides its kind */
    size_t chars, link_chars, furniture_chars, article_chars;
    int in_link, in_furniture, in_article, in_head;
    int after_br, before_br;  /* a <br> started / ends the block */
    int rc;
} walker;

/* The kind of block a text node is in: the nearest heading, list item or
 * cell, unless a paragraph-like element comes first. */
static lg_block_kind block_kind(const xmlNode *n, int *level)
{
    static const char *const plain[] = {"p", "blockquote", "pre", "dd", "dt", "body", NULL};
    *level = 0;
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const char *t = (const char *)n->name;
        if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) {
            *level = t[1] - '0';
            return LG_BLOCK_HEADING;
        }
        if (strcmp(t, "li") == 0)
            return LG_BLOCK_LIST_ITEM;
        if (strcmp(t, "td") == 0 || strcmp(t, "th") == 0)
            return LG_BLOCK_CELL;
        if (tag_in(n, plain))
            break;
    }
    return LG_BLOCK_TEXT;
}

static void flush(walker *w)
{
    if (w->chars && w->rc == 0) {
        int level;
        lg_block_kind kind = block_kind(w->first->parent, &level);
        size_t before = w->page->n;
        w->rc = lg_page_add(w->page, w->text.buf, w->text.len, kind);
        if (w->rc == 0 && w->page->n > before) {
            lg_block *b = &w->page->blocks[before];
            b->level = level;
            b->link_density = (double)w->link_chars / (double)w->chars;
            b->furniture_markup = 2 * w->furniture_chars > w->chars;
            b->in_article = 2 * w->article_chars > w->chars;
            b->line = w->after_br || w->before_br;
        }
    }
    if (w->chars)
        w->after_br = w->before_br;
    w->before_br = 0;
    lg_sb_reset(&w->text);
    w->first = NULL;
    w->chars = w->link_chars = w->furniture_chars = w->article_chars = 0;
}

static void text_node(walker *w, const xmlNode *n)
{
    if (w->in_head || !n->content)
        return;
    size_t visible = 0;
    for (const xmlChar *s = n->content; *s; s++)
        visible += *s > ' ';
    lg_sb_adds(&w->text, (const char *)n->content);
    if (!visible)
        return;
    if (!w->first)
        w->first = n;
    w->chars += visible;
    w->link_chars += w->in_link ? visible : 0;
    w->furniture_chars += w->in_furniture ? visible : 0;
    w->article_chars += w->in_article ? visible : 0;
}

/* Page furniture, unless it wraps the article: sites name outer layout
 * boxes after their sidebars and menus ("content-sidebar-wrap"), and put
 * category names in <body> and <article> classes. */
static int furniture_here(const walker *w, const xmlNode *n)
{
    if (!is_furniture(n, w->in_article > 0))
        return 0;
    for (const xmlNode *c = w->container; c; c = c->parent)
        if (c == n)
            return 0;
    return 2 * text_size(n, w->body_text / 2 + 1) <= w->body_text;
}

/* What an element means for the text under it; kept in the node's
 * _private slot (libxml2 leaves it to applications) until we leave it. */
static unsigned element_flags(const walker *w, const xmlNode *n)
{
    return (is_tag(n, "a") ? F_LINK : 0) | (is_tag(n, "head") ? F_HEAD : 0) |
           (furniture_here(w, n) ? F_FURNITURE : 0) | (n == w->container ? F_ARTICLE : 0) |
           (is_block(n) ? F_BLOCK : 0);
}

/* Entering (+1) or leaving (-1) an element moves the state counters. */
static void mark(walker *w, unsigned flags, int step)
{
    w->in_link += flags & F_LINK ? step : 0;
    w->in_head += flags & F_HEAD ? step : 0;
    w->in_furniture += flags & F_FURNITURE ? step : 0;
    w->in_article += flags & F_ARTICLE ? step : 0;
    if (flags & F_BLOCK)
        flush(w);
}

/* Entering an element; returns whether to read its children. */
static int enter(walker *w, xmlNode *n)
{
    meta_element(&w->m, n);
    if (is_skipped(n))
        return 0;
    unsigned flags = element_flags(w, n);
    int br = is_tag(n, "br");
    w->before_br = br;
    n->_private = (void *)(uintptr_t)flags;
    mark(w, flags, 1);
    if ((flags & F_BLOCK) && !br)
        w->after_br = 0;
    return 1;
}

static void leave(walker *w, const xmlNode *n)
{
    if (n->type == XML_ELEMENT_NODE && !is_skipped(n))
        mark(w, (unsigned)(uintptr_t)n->_private, -1);
}

static void walk(walker *w, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        int descend = n->type == XML_ELEMENT_NODE ? enter(w, n) : 0;
        if (n->type == XML_TEXT_NODE)
            text_node(w, n);
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        /* Leave n, then every ancestor whose last child this was. */
        for (;;) {
            leave(w, n);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* ---- parsing ------------------------------------------------------------ */

static htmlDocPtr parse(const char *html, size_t len, const char *encoding)
{
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    if (len > INT32_MAX)
        return NULL;
    return lg_xml_read_memory(html, (int)len, NULL, encoding, opts);
}

/*
 * libxml2 reads the meta charset itself and, with none, takes UTF-8,
 * falling back to Latin-1 at the first byte that is not (right for old
 * undeclared pages). It does that fallback on pages declared UTF-8 too,
 * garbling the rest of the page; reading such a page again as strict UTF-8
 * confines the damage to U+FFFD at the bad bytes.
 */
static htmlDocPtr parse_detecting(const char *html, size_t len)
{
    htmlDocPtr doc = parse(html, len, NULL);
    if (!doc || (doc->encoding && strcasecmp((const char *)doc->encoding, "utf-8") != 0))
        return doc;
    if (lg_utf8_invalid_at(html, len) == (size_t)-1 || !doc->encoding)
        return doc;
    htmlDocPtr strict = parse(html, len, "UTF-8");
    if (!strict)
        return doc;
    lg_xml_free_doc(doc);
    return strict;
}

/* libxml2 stops reading at a NUL byte, which some servers pad pages with;
 * a copy with spaces there reads to the end. */
static htmlDocPtr parse_page(const char *html, size_t len)
{
    if (!memchr(html, '\0', len))
        return parse_detecting(html, len);
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < len; i++)
        copy[i] = html[i] ? html[i] : ' ';
    htmlDocPtr doc = parse_detecting(copy, len);
    free(copy);
    return doc;
}

int lg_page_from_html(const char *html, size_t len, const char *path, lg_page *page, lg_err *e)
{
    memset(page, 0, sizeof *page);
    char why[300];
    if (lg_xml_load(why, sizeof why) != 0)
        return lg_err_set(e, LG_EXIT_NONE, "%s: cannot parse HTML: %s", path, why);
    htmlDocPtr doc = parse_page(html, len);
    if (!doc)
        return lg_err_set(e, LG_EXIT_NONE, "%s: cannot parse HTML", path);
    xmlNode *root = lg_xml_root(doc);
    if (!root) { /* only white space or comments: an empty page */
        lg_xml_free_doc(doc);
        return 0;
    }
    walker w = {.page = page, .text = LG_SB_INIT};
    w.body_text = text_size(root, SIZE_MAX);
    size_t need = (size_t)((double)w.body_text * CONTAINER_MIN_SHARE), tier = N_TIERS;
    find_container(root, need < CONTAINER_MIN_TEXT ? CONTAINER_MIN_TEXT : need, &w.container, &tier);
    if (is_tag(root, "html"))
        meta_lang(&w.m, root);
    walk(&w, root);
    flush(&w);
    lg_sb_release(&w.text);
    meta_finish(&w.m, page);
    lg_xml_free_doc(doc);
    if (w.rc != 0) {
        lg_page_free(page);
        return lg_err_set(e, LG_EXIT_NONE, "%s: out of memory", path);
    }
    return 0;
}
