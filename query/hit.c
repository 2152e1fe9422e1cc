#include "hit.h"

#include <stdlib.h>
#include <string.h>

void lg_hit_clear(lg_hit *h)
{
    for (size_t i = 0; i < LG_F__COUNT; i++)
        free(h->values[i]);
    free(h->snippet);
    free(h->hl);
    memset(h, 0, sizeof *h);
}
