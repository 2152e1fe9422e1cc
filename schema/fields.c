#include "fields.h"

#include <string.h>

static const lg_field fields[LG_F__COUNT] = {
#define FIELD(id, name, kind, xprefix, slot, column, flags) \
    {LG_F_##id, name, kind, xprefix, slot, column, flags},
#include "fields.def"
#undef FIELD
};

const lg_field *lg_field_get(lg_field_id id)
{
    return &fields[id];
}

const lg_field *lg_field_by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < LG_F__COUNT; i++)
        if (strlen(fields[i].name) == len && memcmp(fields[i].name, name, len) == 0)
            return &fields[i];
    return NULL;
}

const char *lg_field_names(unsigned flags)
{
    /* One buffer per distinct flag set would be overkill: callers ask for
     * the few fixed combinations, so cache by flags in a tiny table. */
    static struct {
        unsigned flags;
        char text[512];
    } cache[8];
    for (size_t c = 0; c < sizeof cache / sizeof cache[0]; c++) {
        if (cache[c].text[0] && cache[c].flags == flags)
            return cache[c].text;
        if (cache[c].text[0])
            continue;
        cache[c].flags = flags;
        for (size_t i = 0; i < LG_F__COUNT; i++) {
            if ((fields[i].flags & flags) != flags)
                continue;
            if (cache[c].text[0])
                strcat(cache[c].text, ", ");
            strcat(cache[c].text, fields[i].name);
        }
        return cache[c].text;
    }
    return "";
}

static uint64_t quote_base = LG_QUOTE_DOCID_BASE;

uint64_t lg_quote_docid_base(void)
{
    return quote_base;
}

void lg_quote_docid_base_set(uint64_t base)
{
    quote_base = base;
}
