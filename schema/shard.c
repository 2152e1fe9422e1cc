#include "shard.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>


#define SHARD_FILE "shard"

static void shard_path(const char *dir, char path[PATH_MAX])
{
    snprintf(path, PATH_MAX, "%s/%s", dir, SHARD_FILE);
}

int lg_shard_read(const char *dir, lg_shard_id *out, lg_err *e)
{
    char path[PATH_MAX];
    shard_path(dir, path);
    FILE *f = fopen(path, "r");
    int rc = 0;
    if (f) {
        rc = fscanf(f, "shard %u of %u", &out->index, &out->count) == 2 &&
                     out->count > 0 && out->index < out->count
                 ? 1 : lg_err_set(e, LG_EXIT_DB, "%s: expected 'shard K of N'", path);
        fclose(f);
    }
    return rc;
}

int lg_shard_write(const char *dir, lg_shard_id id, lg_err *e)
{
    char path[PATH_MAX];
    shard_path(dir, path);
    FILE *f = fopen(path, "w");
    int ok = f && fprintf(f, "shard %u of %u\n", id.index, id.count) > 0;
    if (f && fclose(f) != 0)
        ok = 0;
    int rc = ok ? 0 : lg_err_set(e, LG_EXIT_DB, "%s: %s", path, strerror(errno));
    return rc;
}

uint64_t lg_shard_quote_base(unsigned count)
{
    uint64_t base = (uint64_t)1 << 31;
    for (unsigned n = 1; n < count && base > 1; n *= 2)
        base >>= 1;
    return base;
}

void lg_shard_id_range(lg_shard_id id, int quotes, uint64_t *lo, uint64_t *hi)
{
    uint64_t base = lg_shard_quote_base(id.count);
    /* Combined docids are 32 bits: a local docid stays below 2^32 / N. */
    uint64_t span = quotes ? (((uint64_t)1 << 32) / id.count - base) / id.count
                           : base / id.count;
    *lo = id.index * span;
    *hi = *lo + span;
}

unsigned lg_shard_of(const char *source, unsigned count)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)source; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return count ? (unsigned)(h % count) : 0;
}
