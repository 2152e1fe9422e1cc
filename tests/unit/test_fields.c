/* The field table: lookups, and the invariants the rest of Legate relies on. */
#include <string.h>

#include "fields.h"
#include "testutil.h"

START_TEST(ids_are_dense_and_in_order)
{
    for (int i = 0; i < LG_F__COUNT; i++)
        ck_assert_int_eq(lg_field_get((lg_field_id)i)->id, i);
}
END_TEST

/* Names are snake_case (digits too): the JSON writer puts them out
 * unescaped. */
START_TEST(names_are_snake_case)
{
    for (int i = 0; i < LG_F__COUNT; i++) {
        const char *name = lg_field_get((lg_field_id)i)->name;
        ck_assert_uint_gt(strlen(name), 0);
        ck_assert_uint_eq(strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_"), strlen(name));
    }
}
END_TEST

START_TEST(lookup_by_name)
{
    const lg_field *f = lg_field_by_name("speaker", 7);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->id, LG_F_SPEAKER);
    ck_assert_str_eq(f->xprefix, "XS:");
    ck_assert_int_eq(f->slot, LG_SLOT_SPEAKER);
    ck_assert_ptr_null(lg_field_by_name("speak", 5));
    ck_assert_ptr_null(lg_field_by_name("Speaker", 7));
    ck_assert_ptr_nonnull(lg_field_by_name("outlet:xyz", 6));
}
END_TEST

/* Xapian boolean prefixes must never be prefixes of one another, or a filter
 * on one field would match terms of another. */
START_TEST(boolean_prefixes_are_prefix_free)
{
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *a = lg_field_get((lg_field_id)i);
        if (a->kind != LG_KIND_BOOLEAN && a->kind != LG_KIND_TEXT)
            continue;
        for (int j = 0; j < LG_F__COUNT; j++) {
            const lg_field *b = lg_field_get((lg_field_id)j);
            if (i == j || !*a->xprefix || !*b->xprefix)
                continue;
            ck_assert_msg(strncmp(a->xprefix, b->xprefix, strlen(a->xprefix)) != 0,
                          "%s is a prefix of %s", a->xprefix, b->xprefix);
        }
    }
}
END_TEST

START_TEST(value_slots_are_unique)
{
    for (int i = 0; i < LG_F__COUNT; i++)
        for (int j = i + 1; j < LG_F__COUNT; j++) {
            int a = lg_field_get((lg_field_id)i)->slot, b = lg_field_get((lg_field_id)j)->slot;
            ck_assert(a == LG_SLOT_NONE || a != b);
        }
}
END_TEST

/* The output contract: these names, in this order (README "Output formats"). */
START_TEST(output_columns)
{
    ck_assert_str_eq(lg_field_names(LG_OUTPUT),
                     "id, rank, score, date, date_precision, outlet, speaker, title, source, "
                     "lang, snippet, dup_count, outlets");
    ck_assert_str_eq(lg_field_names(LG_QUERYABLE), "date, outlet, speaker, quote, title, lang");
    ck_assert_str_eq(lg_field_names(LG_QUOTE_OUTPUT),
                     "quote_id, article_id, rank, score, date, outlet, speaker, speaker_confidence, "
                     "quote, partial, context, title, source, occurrences, outlets");
    ck_assert_str_eq(lg_field_names(LG_FILTER_FLAG), "outlet, speaker, lang");
    /* Asked again, the same cached text. */
    ck_assert_ptr_eq(lg_field_names(LG_OUTPUT), lg_field_names(LG_OUTPUT));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, ids_are_dense_and_in_order);
    tcase_add_test(tc, names_are_snake_case);
    tcase_add_test(tc, lookup_by_name);
    tcase_add_test(tc, boolean_prefixes_are_prefix_free);
    tcase_add_test(tc, value_slots_are_unique);
    tcase_add_test(tc, output_columns);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
