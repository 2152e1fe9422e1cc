/*
 * date_eval — scores the publication date (lg_extract_date) against hand
 * labels, the way htmldate's evaluation does: a page is right when the
 * date found equals the labelled day, or when nothing is found on a page
 * labelled with no date; accuracy = right / pages. A date of month or year
 * precision is an answer that cannot equal a day.
 *
 *   date_eval [-v] LABELS.tsv HTML_DIR|- TEXT_DIR|-
 *   date_eval -a HTML_DIR|TEXT_DIR      every page's answer: id, date, source
 *
 * LABELS.tsv: "id<TAB>half<TAB>YYYY-MM-DD or empty", '#' lines are
 * comments. Pages are read as HTML (HTML_DIR/ID.html, lg_page_from_html)
 * and as text dumps (TEXT_DIR/ID.txt, lg_page_from_text); "-" skips a
 * mode. Scores are printed per half and mode; -v lists every page that is
 * not right on stderr.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "input.h"
#include "page.h"

typedef struct {
    char id[32], half[16], gold[16];
} label;

typedef struct {
    size_t tp, fp, fn, tn;
} score;

/* The date lg_extract_date gives the page at path ("" when unknown). */
static int answer(const char *path, int html, char out[11], lg_source *src)
{
    char *buf;
    size_t len;
    lg_err e = {0};
    lg_page page;
    out[0] = '\0';
    *src = LG_SRC_NONE;
    if (lg_read_file(path, &buf, &len, &e) != 0) {
        fprintf(stderr, "date_eval: %s\n", e.msg);
        return -1;
    }
    int rc = html ? lg_page_from_html(buf, len, path, &page, &e) : lg_page_from_text(buf, len, &page);
    free(buf);
    if (rc != 0) {
        fprintf(stderr, "date_eval: %s: cannot read page\n", path);
        return -1;
    }
    lg_date d = lg_extract_date(&page, src);
    lg_date_format(&d, out);
    lg_page_free(&page);
    return 0;
}

static size_t read_labels(const char *path, label **out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[256];
    size_t n = 0, cap = 0;
    label *l = NULL;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            l = realloc(l, cap * sizeof *l);
            if (!l)
                exit(2);
        }
        label *x = &l[n];
        memset(x, 0, sizeof *x);
        if (sscanf(line, "%31[^\t]\t%15[^\t]\t%15s", x->id, x->half, x->gold) >= 2)
            n++;
    }
    fclose(f);
    *out = l;
    return n;
}

static void print_score(const char *half, const char *mode, const score *s)
{
    size_t n = s->tp + s->fp + s->fn + s->tn;
    double p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
    double r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
    printf("%-5s %-4s pages %3zu  accuracy %.3f  right %3zu (dated %zu, none %zu)  wrong date %3zu  "
           "missed %3zu  P %.3f R %.3f\n",
           half, mode, n, n ? (double)(s->tp + s->tn) / (double)n : 0, s->tp + s->tn, s->tp, s->tn, s->fp,
           s->fn, p, r);
}

static void run_mode(const label *l, size_t n, const char *dir, int html, int verbose)
{
    static const char *const halves[] = {"dev", "test", "all"};
    score s[3] = {{0}};
    for (size_t i = 0; i < n; i++) {
        char path[4096], got[11];
        lg_source src;
        snprintf(path, sizeof path, "%s/%s.%s", dir, l[i].id, html ? "html" : "txt");
        if (answer(path, html, got, &src) != 0)
            continue;
        int h = strcmp(l[i].half, "test") == 0;
        size_t *cell = !got[0] ? (l[i].gold[0] ? &s[h].fn : &s[h].tn)
                               : (strcmp(got, l[i].gold) == 0 ? &s[h].tp : &s[h].fp);
        (*cell)++;
        if (verbose && cell != &s[h].tp && cell != &s[h].tn)
            fprintf(stderr, "%s %s %s: label %s, found %s (%s)\n", html ? "html" : "text", l[i].half, l[i].id,
                    l[i].gold[0] ? l[i].gold : "none", got[0] ? got : "none", lg_source_name(src));
    }
    s[2] = (score){s[0].tp + s[1].tp, s[0].fp + s[1].fp, s[0].fn + s[1].fn, s[0].tn + s[1].tn};
    for (int h = 0; h < 3; h++)
        print_score(halves[h], html ? "HTML" : "text", &s[h]);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every page of a directory, in name order: id, date, source. */
static int list_all(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 2;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap && !(names = realloc(names, (cap = cap ? 2 * cap : 1024) * sizeof *names)))
            return 2;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_string);
    for (size_t i = 0; i < n; i++) {
        char path[4096], got[11];
        lg_source src;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (answer(path, lg_input_type_of(names[i]) == LG_INPUT_HTML, got, &src) == 0)
            printf("%.*s\t%s\t%s\n", (int)strcspn(names[i], "."), names[i], got, lg_source_name(src));
        free(names[i]);
    }
    free(names);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "-a") == 0)
        return list_all(argv[2]);
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    if (argc - verbose != 4) {
        fputs("usage: date_eval [-v] LABELS.tsv HTML_DIR|- TEXT_DIR|-\n       date_eval -a DIR\n", stderr);
        return 2;
    }
    label *l;
    size_t n = read_labels(argv[1 + verbose], &l);
    for (int m = 0; m < 2; m++)
        if (strcmp(argv[2 + verbose + m], "-") != 0)
            run_mode(l, n, argv[2 + verbose + m], m == 0, verbose);
    free(l);
    return 0;
}
