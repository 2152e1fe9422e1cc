/*
 * page.h — an input page before cleaning: its blocks of text in reading
 * order, and the metadata its markup states.
 *
 * Text pages: one block per non-blank line (scrapes put one paragraph per
 * line). HTML pages: one block per block-level element's own text (p, h1-h6,
 * li, td, blockquote, div text runs...), with what the markup says about it.
 * Every string is owned by the page and freed by lg_page_free. Block text is
 * valid UTF-8 with white space runs folded to one space and trimmed; empty
 * blocks are never stored.
 */
#ifndef LEGATE_PAGE_H
#define LEGATE_PAGE_H

#include <stddef.h>

#include "err.h"

typedef enum {
    LG_BLOCK_TEXT,      /* a paragraph or a line of text */
    LG_BLOCK_HEADING,   /* h1-h6 (level set) */
    LG_BLOCK_LIST_ITEM, /* li, or a text line starting with a bullet or "- " */
    LG_BLOCK_CELL       /* td/th */
} lg_block_kind;

typedef struct {
    char *text;
    size_t len;
    lg_block_kind kind;
    int level;            /* heading level 1-6, else 0 */
    double link_density;  /* share of the characters inside <a> (HTML), else 0 */
    int furniture_markup; /* HTML: inside nav/header/footer/aside/form/button/figcaption,
                             or an element whose class/id/role names menus,
                             share, comments, related, subscribe, cookie... */
    int in_article;       /* HTML: inside <article>, <main> or itemprop=articleBody */
    int line;             /* HTML: a <br> starts or ends it: a line of a paragraph */
    /* Set by cleaning (clean.h): */
    int keep;
    const char *why;      /* static reason a block was dropped, NULL if kept */
} lg_block;

/* How many zoned date values a page keeps (lg_page.zoned). */
#define LG_PAGE_ZONED 8

typedef struct lg_page {
    lg_block *blocks;
    size_t n, cap;
    /* What the markup states (HTML only; NULL when absent). */
    char *html_title;     /* <title> */
    char *og_title;       /* og:title / twitter:title */
    char *site_name;      /* og:site_name, application-name, JSON-LD publisher.name */
    char *published;      /* the first publication the markup states, in this order:
                             article:published_time, JSON-LD datePublished,
                             itemprop=datePublished, meta name=date/pubdate/
                             dc.date.issued/dcterms.created/..., <time pubdate> or
                             a <time>/<abbr class=published> */
    char *stamp;          /* weaker: the first <time datetime> of any kind, else a
                             video's uploadDate or a dateCreated */
    char *zoned[LG_PAGE_ZONED]; /* the first distinct date values of either kind
                             written with a zone offset other than UTC */
    size_t n_zoned;
    char *canonical;      /* link rel=canonical, else og:url */
    char *author;         /* meta name=author, JSON-LD author.name */
    char *lang;           /* <html lang>, first two letters */
} lg_page;

/* Reads a plain-text scrape (valid UTF-8). Returns 0, or -1 on allocation
 * failure. The caller lg_page_free()s *page. */
int lg_page_from_text(const char *text, size_t len, lg_page *page);

/* Parses HTML with libxml2's HTML parser (any encoding it can detect, output
 * UTF-8). Scripts, styles, noscript, svg, templates and comments are not
 * text. Returns 0, or -1 with *e naming `path` when nothing can be parsed. */
int lg_page_from_html(const char *html, size_t len, const char *path, lg_page *page, lg_err *e);

/* Appends a block (copies text, which must already be folded). */
int lg_page_add(lg_page *page, const char *text, size_t len, lg_block_kind kind);

void lg_page_free(lg_page *page);

/* The kept blocks joined by "\n\n" (a paragraph per block), malloc()ed. */
char *lg_page_kept_text(const lg_page *page, size_t *len);

#endif
