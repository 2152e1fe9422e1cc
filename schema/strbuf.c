#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char lg_sb_empty[1];

void lg_sb_init(lg_sb *sb)
{
    sb->buf = lg_sb_empty;
    sb->len = sb->alloc = 0;
}

void lg_sb_release(lg_sb *sb)
{
    if (sb->alloc)
        free(sb->buf);
    lg_sb_init(sb);
}

char *lg_sb_detach(lg_sb *sb, size_t *len)
{
    if (!sb->alloc)
        lg_sb_grow(sb, 0);
    char *out = sb->buf;
    if (len)
        *len = sb->len;
    lg_sb_init(sb);
    return out;
}

void lg_sb_grow(lg_sb *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return;
    size_t alloc = sb->alloc ? sb->alloc : 64;
    while (alloc < need)
        alloc *= 2;
    char *buf = sb->alloc ? realloc(sb->buf, alloc) : malloc(alloc);
    if (!buf) {
        fputs("legate: out of memory\n", stderr);
        abort();
    }
    if (!sb->alloc)
        buf[0] = '\0';
    sb->buf = buf;
    sb->alloc = alloc;
}

void lg_sb_reset(lg_sb *sb)
{
    sb->len = 0;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

void lg_sb_add(lg_sb *sb, const void *data, size_t len)
{
    lg_sb_grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void lg_sb_adds(lg_sb *sb, const char *s)
{
    lg_sb_add(sb, s, strlen(s));
}

void lg_sb_addc(lg_sb *sb, char c)
{
    lg_sb_add(sb, &c, 1);
}

void lg_sb_vaddf(lg_sb *sb, const char *fmt, va_list ap)
{
    /* Format into the spare room first; most strings fit and need one pass. */
    lg_sb_grow(sb, 64);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, copy);
    va_end(copy);
    if (n < 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= sb->alloc - sb->len) {
        lg_sb_grow(sb, (size_t)n);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

void lg_sb_vsay(void (*fn)(void *ctx, const char *msg), void *ctx, const char *fmt, va_list ap)
{
    if (!fn)
        return;
    lg_sb msg = LG_SB_INIT;
    lg_sb_vaddf(&msg, fmt, ap);
    fn(ctx, msg.buf);
    lg_sb_release(&msg);
}

void lg_sb_addf(lg_sb *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lg_sb_vaddf(sb, fmt, ap);
    va_end(ap);
}

int lg_grow_(void **arr, size_t *cap, size_t elem_size)
{
    size_t grown = *cap ? 2 * *cap : 8;
    void *p = realloc(*arr, grown * elem_size);
    if (!p)
        return -1;
    *arr = p;
    *cap = grown;
    return 0;
}
