#include "testutil.h"
#include "wordset.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int has(const char *const *list, const char *w)
{
    return lg_wordset_has(list, w, lg_word_hash(w));
}

static int has_lead(const char *const *list, const char *w)
{
    return lg_wordset_has_lead(list, w, lg_word_hash(w));
}

static const char *const verbs[] = {"said", "told", "added", "заявил", "said", NULL};

START_TEST(words_of_the_list_and_no_others)
{
    for (int twice = 0; twice < 2; twice++) { /* building, then built */
        ck_assert(has(verbs, "said"));
        ck_assert(has(verbs, "told"));
        ck_assert(has(verbs, "заявил"));
        ck_assert(!has(verbs, "say"));
        ck_assert(!has(verbs, "saidx"));
        ck_assert(!has(verbs, "Said")); /* callers fold first */
        ck_assert(!has(verbs, ""));
    }
}
END_TEST

static const char *const empty[] = {NULL};
static const char *const phrases[] = {"according to", "in the words of", "по словам", NULL};

START_TEST(lists_are_told_apart_by_address)
{
    static const char *const same_words[] = {"said", "told", "added", "заявил", "said", NULL};
    ck_assert(!has(empty, "said"));
    ck_assert(has(same_words, "added"));
    ck_assert(has(verbs, "added"));
    /* A phrase list: its whole entries are no words; leads are a set of
     * their own over the same list. */
    ck_assert(!has(phrases, "according"));
    ck_assert(has_lead(phrases, "according"));
    ck_assert(has_lead(phrases, "по"));
    ck_assert(!has_lead(phrases, "to"));
    ck_assert(!has_lead(phrases, "accord"));
    ck_assert(!has_lead(phrases, ""));
    ck_assert(has_lead(verbs, "told")); /* a one-word entry leads itself */
}
END_TEST

/* More lists than there are sets: the rest are scanned, same answers. */
#define MANY (LG_WORDSETS_MAX + 8)
static const char *many[MANY][3];
static char words[MANY][16];

START_TEST(past_the_last_set_lists_are_scanned)
{
    for (int k = 0; k < MANY; k++) {
        snprintf(words[k], sizeof words[k], "w%d", k);
        many[k][0] = words[k];
        many[k][1] = "common";
        many[k][2] = NULL;
    }
    for (int k = 0; k < MANY; k++) {
        ck_assert(has(many[k], words[k]));
        ck_assert(has(many[k], "common"));
        ck_assert(!has(many[k], words[(k + 1) % MANY]));
        ck_assert(has_lead(many[k], words[k]));
    }
}
END_TEST

/* Threads meeting lists for the first time at once all get the answer. */
static const char *const shared_lists[8][4] = {
    {"a0", "b0", "c0", NULL}, {"a1", "b1", "c1", NULL}, {"a2", "b2", "c2", NULL},
    {"a3", "b3", "c3", NULL}, {"a4", "b4", "c4", NULL}, {"a5", "b5", "c5", NULL},
    {"a6", "b6", "c6", NULL}, {"a7", "b7", "c7", NULL},
};

static void *look_up(void *arg)
{
    long wrong = 0;
    (void)arg;
    for (int round = 0; round < 2000; round++)
        for (int k = 0; k < 8; k++) {
            char w[4] = {"abc"[round % 3], (char)('0' + k), 0, 0};
            char other[4] = {'a', (char)('0' + (k + 1) % 8), 0, 0};
            wrong += !has(shared_lists[k], w) + has(shared_lists[k], other);
        }
    return (void *)wrong;
}

START_TEST(threads_share_the_sets)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, look_up, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *wrong;
        ck_assert_int_eq(pthread_join(t[i], &wrong), 0);
        ck_assert_int_eq((long)wrong, 0);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wordset");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, words_of_the_list_and_no_others);
    tcase_add_test(tc, lists_are_told_apart_by_address);
    tcase_add_test(tc, threads_share_the_sets);
    tcase_add_test(tc, past_the_last_set_lists_are_scanned);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
