#include "jsonw.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"

/* The escape jansson writes for byte c, or NULL when c goes as is. */
static const char *escape(unsigned char c, char buf[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(buf, 8, "\\u%04X", c);
        return buf;
    }
}

/* Whether s[0..len) is all ASCII, a word at a time: most text is, and
 * then needs no UTF-8 check. */
static int all_ascii(const char *s, size_t len)
{
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        acc |= w;
    }
    for (; i < len; i++)
        acc |= (unsigned char)s[i];
    return (acc & 0x8080808080808080ULL) == 0;
}

/* The bytes escape() has something for. */
static int plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Whether a word of 8 bytes holds one escape() has something for: a byte
 * below 0x20 or equal to '"' or '\\' (the classic "has a zero byte" test
 * on the word and its xors). Bytes from 0x80 up never count. */
static int word_needs_escape(uint64_t w)
{
    uint64_t ctl = (w - ONES * 0x20) & ~w;
    uint64_t quote = w ^ (ONES * '"'), bslash = w ^ (ONES * '\\');
    uint64_t zq = (quote - ONES) & ~quote, zb = (bslash - ONES) & ~bslash;
    return ((ctl | zq | zb) & HIGHS) != 0;
}

/* The length of the run of plain bytes at p, a word at a time. */
static size_t plain_run(const char *p, const char *end)
{
    const char *q = p;
    for (uint64_t w; end - q >= 8; q += 8) {
        memcpy(&w, q, 8);
        if (word_needs_escape(w))
            break;
    }
    while (q < end && plain((unsigned char)*q))
        q++;
    return (size_t)(q - p);
}

int lg_jsonw_string(lg_sb *sb, const char *s)
{
    size_t len = strlen(s);
    if (!all_ascii(s, len) && lg_utf8_invalid_at(s, len) != (size_t)-1) {
        errno = EILSEQ;
        return -1;
    }
    lg_sb_grow(sb, len + 2);
    lg_sb_addc(sb, '"');
    const char *p = s, *end = s + len;
    while (p < end) {
        size_t n = plain_run(p, end);
        lg_sb_add(sb, p, n);
        p += n;
        if (p < end) {
            char buf[8];
            lg_sb_adds(sb, escape((unsigned char)*p++, buf));
        }
    }
    lg_sb_addc(sb, '"');
    return 0;
}

void lg_jsonw_int(lg_sb *sb, long long v)
{
    char buf[24], *p = buf + sizeof buf;
    /* Through unsigned: LLONG_MIN has no positive counterpart. */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        *--p = '-';
    lg_sb_add(sb, p, (size_t)(buf + sizeof buf - p));
}

void lg_jsonw_newline(lg_sb *sb, int indent, int depth)
{
    if (indent <= 0)
        return;
    lg_sb_addc(sb, '\n');
    for (int i = 0; i < indent * depth; i++)
        lg_sb_addc(sb, ' ');
}

int lg_jsonw_dump(lg_sb *sb, const json_t *v, size_t flags, int indent, int depth)
{
    char *s = json_dumps(v, flags | JSON_ENCODE_ANY);
    if (!s)
        return -1;
    for (const char *p = s, *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl) {
            lg_sb_adds(sb, p);
            break;
        }
        lg_sb_add(sb, p, (size_t)(nl - p));
        lg_jsonw_newline(sb, indent, depth);
    }
    free(s);
    return 0;
}
