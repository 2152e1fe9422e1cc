#include "analyze.h"

/*
 * Length of the well-formed sequence at p (Unicode Table 3-7), or 0. The
 * second byte's range is what rules out overlongs (E0, F0), surrogates (ED)
 * and codepoints above U+10FFFF (F4); C0, C1 and F5..FF never lead.
 */
static size_t sequence_length(const unsigned char *p, size_t avail)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (avail < n || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* A bad sequence is reported at its lead byte: that is where a reader
 * showing the error to the user should point. */
size_t lg_utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] >= 0x01 && p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = sequence_length(p + i, len - i); /* 0 for NUL too */
        if (!n)
            return i;
        i += n;
    }
    return (size_t)-1;
}
