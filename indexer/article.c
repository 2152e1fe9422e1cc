#include "article.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

const char *lg_format_name(lg_format_kind f)
{
    static const char *const names[] = {"text", "html", "jsonl"};
    return names[f];
}

void lg_article_clear(lg_article *a)
{
    free(a->source);
    free(a->origin);
    free(a->title);
    free(a->outlet);
    free(a->speaker);
    free(a->lang);
    free(a->via);
    free(a->raw);
    free(a->text);
    lg_speakers_free(a->speakers, a->n_speakers);
    lg_quotes_free(a->quotes, a->n_quotes);
    memset(a, 0, sizeof *a);
}

/* Each field is framed by its length so ("ab","c") and ("a","bc") differ. */
static void hash_field(struct sha256_ctx *ctx, const char *s, size_t len)
{
    unsigned char frame[9] = {s != NULL};
    for (int i = 0; i < 8; i++)
        frame[1 + i] = (unsigned char)(len >> (8 * i));
    sha256_update(ctx, sizeof frame, frame);
    if (s)
        sha256_update(ctx, len, (const unsigned char *)s);
}

static void hash_str(struct sha256_ctx *ctx, const char *s)
{
    hash_field(ctx, s, s ? strlen(s) : 0);
}

void lg_article_hash(lg_article *a)
{
    struct sha256_ctx ctx;
    unsigned char digest[SHA256_DIGEST_SIZE];
    char date[11];
    lg_date_format(&a->date, date);
    sha256_init(&ctx);
    hash_str(&ctx, lg_format_name(a->format));
    hash_field(&ctx, a->raw, a->raw_len);
    hash_field(&ctx, a->text, a->text_len);
    hash_str(&ctx, a->title);
    hash_str(&ctx, a->outlet);
    hash_str(&ctx, a->speaker);
    hash_str(&ctx, a->lang);
    hash_str(&ctx, date);
    hash_str(&ctx, lg_date_precision_name(a->date.precision));
    sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof digest; i++) {
        a->sha256[2 * i] = hex[digest[i] >> 4];
        a->sha256[2 * i + 1] = hex[digest[i] & 15];
    }
    a->sha256[64] = '\0';
}
