#include "testhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void lg_test_pause(const char *point)
{
    static int reached;
    const char *want = getenv("LEGATE_TEST_PAUSE");
    size_t n = strlen(point);
    if (!want || strncmp(want, point, n) != 0 || (want[n] != '\0' && want[n] != '@'))
        return;
    int nth = want[n] == '@' ? atoi(want + n + 1) : 1;
    if (__atomic_add_fetch(&reached, 1, __ATOMIC_SEQ_CST) != nth)
        return;
    fprintf(stderr, "legate: test pause at %s (pid %ld)\n", point, (long)getpid());
    fflush(stderr);
    for (;;)
        pause();
}
