#include "lexicon.h"

#include "analyze_internal.h"
#include "wordset.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- word lists ---- */

const char *const lg_auxiliaries[] = {
    "has", "have", "had", "was", "is", "were", "also", "then", "again", "further", "later", "once",
    "earlier", "already", "still", "would", "will", "did", "does", "too", "также", "уже", "ранее",
    "вновь", "еще", "ещё", "затем", "накануне", "сегодня", "вчера", "позднее", "неоднократно", NULL,
};

const char *const lg_subject_pronouns[] = {"he", "she", "он", "она", NULL};
const char *const lg_object_pronouns[] = {"him", "her", "него", "неё", "нее", NULL};
const char *const lg_relatives[] = {"who", "который", "которая", NULL};
const char *const lg_conjunctions[] = {"and", "but", "и", "но", "а", NULL};
const char *const lg_prepositions[] = {
    "in", "of", "with", "by", "to", "from", "for", "at", "on", "after", "before", "about",
    "against", "between", "under", "over", "among", "during", "than", "like", "via", "without",
    "с", "со", "к", "ко", "у", "о", "об", "по", "для", "от", "при", "за", "над", "под", "из", "до",
    "без", "на", "в", "во", "про", "через", NULL,
};
const char *const lg_determiners[] = {"the", "this", "his", "her", "its", NULL};
const char *const lg_source_phrases[] = {
    "according to", "in the words of", "по словам", "по мнению", NULL,
};

/* Before a '.' that ends no sentence. */
static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "st", "gen", "prof", "sen", "rep", "gov", "lt", "col", "maj", "capt",
    "jr", "sr", "no", "vs", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "г", NULL,
};

/* Verbs that report a statement, English and the Russian past and
 * present. */
static const char *const speech_verbs[] = {
    "said", "says", "told", "tells", "added", "adds", "stated", "noted", "explained", "explains",
    "emphasized", "emphasizes", "emphasised", "emphasises", "stressed", "stresses", "warned", "warns",
    "insisted", "insists", "countered", "reiterated", "reiterates", "asserted", "asserts", "argued",
    "argues", "declared", "declares", "announced", "announces", "urged", "urges", "confirmed",
    "confirms", "recalled", "remarked", "responded", "responds", "replied", "wrote", "writes",
    "tweeted", "claimed", "assured", "assures", "concluded", "suggested", "observed", "complained",
    "predicted", "promised", "vowed", "proposed", "clarified", "maintained", "cautioned",
    "заявил", "заявила", "сказал", "сказала", "отметил", "отметила", "подчеркнул", "подчеркнула",
    "сообщил", "сообщила", "добавил", "добавила", "пояснил", "пояснила", "уточнил", "уточнила",
    "напомнил", "напомнила", "ответил", "ответила", "призвал", "призвала", "предупредил",
    "предупредила", "говорил", "говорила", "заявлял", "заявляла", "отмечал", "отмечала",
    "подчеркивал", "подчеркивала", "подчёркивал", "подчёркивала", "говорит", "заявляет",
    "отмечает", "подчеркивает", "подчёркивает", "считает", NULL,
};
/* Speech verbs flagged LG_SV_NOUN (lexicon.h) ... */
static const char *const noun_verbs[] = {
    "states", "notes", "counters", "recalls", "remarks", "replies", "tweets", "claims", NULL,
};
/* ... and LG_SV_FRAMES. */
static const char *const framing_verbs[] = {
    "say", "asked", "acknowledged", "admitted", "conceded", "accused", "dismissed", NULL,
};

/* So that "the minister" finds the last "Foreign Minister X", and "Russia's
 * top diplomat" does too: "diplomat" and "premier" carry the qualifier
 * that "minister" needs a word for. */
static const lg_title titles[] = {
    {"minister", "minister", "", 0}, {"министр", "minister", "", 0}, {"министра", "minister", "", 1},
    {"diplomat", "minister", "foreign", 0}, {"дипломат", "minister", "foreign", 0},
    {"дипломата", "minister", "foreign", 1}, {"premier", "minister", "prime", 0},
    {"замминистра", "minister", "", 0}, {"замглавы", "minister", "", 0},
    {"president", "president", "", 0}, {"президент", "president", "", 0},
    {"президента", "president", "", 1}, {"spokesman", "spokesperson", "", 0},
    {"spokeswoman", "spokesperson", "", 0}, {"spokesperson", "spokesperson", "", 0},
    {"representative", "spokesperson", "", 0}, {"представитель", "spokesperson", "", 0},
    {"представителя", "spokesperson", "", 1}, {"пресс-секретарь", "spokesperson", "", 0},
    {"ambassador", "ambassador", "", 0}, {"посол", "ambassador", "", 0}, {"envoy", "envoy", "", 0},
    {"secretary", "secretary", "", 0}, {"chancellor", "chancellor", "", 0},
    {"chairman", "chair", "", 0}, {"chairwoman", "chair", "", 0}, {"senator", "senator", "", 0},
    {"leader", "leader", "", 0}, {"head", "leader", "", 0}, {"глава", "leader", "", 0},
    {"главы", "leader", "", 1}, {"director", "director", "", 0},
    {"commissioner", "commissioner", "", 0},
};

static const char *const foreign_marks[] = {"foreign", "external", "иностранных", "мид", NULL};

/* ---- tokens ---- */

static const lg_etok *tok(const lg_reading *r, size_t i)
{
    return &r->ts.v[i];
}

int lg_out(const lg_reading *r, size_t i)
{
    return i < r->ts.n && r->role[i] == LG_OUT;
}

/* Room for `more` bytes in f->text. */
static int fold_room(lg_folds *f, size_t more)
{
    if (f->len + more <= f->cap)
        return 0;
    size_t cap = f->cap ? f->cap : 4096;
    while (cap < f->len + more)
        cap *= 2;
    char *text = realloc(f->text, cap);
    if (!text)
        return -1;
    f->text = text;
    f->cap = cap;
    return 0;
}

int lg_reading_fold(lg_reading *r)
{
    lg_folds *f = &r->folds;
    if (r->ts.n > f->n_at) {
        size_t *at = realloc(f->at, r->ts.n * sizeof *at);
        if (at)
            f->at = at;
        uint32_t *hash = realloc(f->hash, r->ts.n * sizeof *hash);
        if (hash)
            f->hash = hash;
        if (!at || !hash)
            return -1;
        f->n_at = r->ts.n;
    }
    f->len = 0;
    for (size_t i = 0; i < r->ts.n; i++) {
        const lg_etok *t = tok(r, i);
        if (fold_room(f, LG_FOLD_CAP) != 0)
            return -1;
        f->at[i] = f->len;
        size_t n = lg_etok_word(t) ? lg_span_fold(r->s, t->start, lg_etok_bare_end(r->s, t),
                                                  f->text + f->len) : 0;
        f->text[f->len + n] = '\0';
        f->hash[i] = lg_word_hash(f->text + f->len);
        f->len += n + 1;
    }
    return 0;
}

void lg_reading_free_folds(lg_reading *r)
{
    free(r->folds.text);
    free(r->folds.at);
    free(r->folds.hash);
    memset(&r->folds, 0, sizeof r->folds);
}

/* Token i folded, without its possessive: "" for punctuation. */
static const char *folded(const lg_reading *r, size_t i)
{
    return r->folds.text + r->folds.at[i];
}

int lg_word_in(const lg_reading *r, size_t i, const char *const *list)
{
    return lg_wordset_has(list, folded(r, i), r->folds.hash[i]);
}

/* As lg_phrase_at, on the folded words: a possessive spells no word of a
 * phrase. */
size_t lg_reading_phrase_at(const lg_reading *r, size_t i, const char *phrase)
{
    size_t k = 0;
    while (*phrase) {
        size_t n = strcspn(phrase, " ");
        if (i + k >= r->ts.n || (tok(r, i + k)->flags & LG_W_POSS))
            return 0;
        const char *w = folded(r, i + k);
        if (strncmp(w, phrase, n) != 0 || w[n] != '\0')
            return 0;
        k++;
        phrase += n + (phrase[n] == ' ');
    }
    return k;
}

size_t lg_phrase_in(const lg_reading *r, size_t i, const char *const *phrases)
{
    if (i >= r->ts.n || !lg_wordset_has_lead(phrases, folded(r, i), r->folds.hash[i]))
        return 0;
    size_t n = 0;
    for (; *phrases && !n; phrases++)
        n = lg_reading_phrase_at(r, i, *phrases);
    return n;
}

int lg_cyrillic_word(const lg_reading *r, size_t i)
{
    int32_t cp;
    lg_utf8_next(r->s, tok(r, i)->end, tok(r, i)->start, &cp);
    return lg_is_cyrillic(utf8proc_tolower(cp));
}

int lg_capitalised(const lg_etok *t)
{
    return lg_etok_word(t) && (t->flags & LG_W_CAP) && !(t->flags & (LG_W_UPPER | LG_W_DIGIT | LG_W_DOT | LG_W_CAMEL));
}

int lg_abbreviation(const lg_reading *r, size_t i)
{
    const lg_etok *t = tok(r, i);
    if (!lg_etok_word(t) || t->end != tok(r, i + 1)->start)
        return 0;
    int32_t cp;
    int initial = (t->flags & LG_W_UPPER) && lg_utf8_next(r->s, t->end, t->start, &cp) == t->end - t->start;
    return initial || (t->flags & LG_W_DOT) || lg_word_in(r, i, abbreviations);
}

int lg_speech_verb(const lg_reading *r, size_t i, unsigned skip)
{
    return lg_word_in(r, i, speech_verbs) || (!(skip & LG_SV_NOUN) && lg_word_in(r, i, noun_verbs))
        || (!(skip & LG_SV_FRAMES) && lg_word_in(r, i, framing_verbs));
}

/* ---- titles ---- */

#define N_TITLES (sizeof titles / sizeof *titles)

/* The titles' words as a list (wordset.h), so that the words of a text,
 * nearly all no title, are turned away by one lookup. */
static const char *title_words[N_TITLES + 1];
static pthread_once_t title_words_once = PTHREAD_ONCE_INIT;

static void list_title_words(void)
{
    for (size_t k = 0; k < N_TITLES; k++)
        title_words[k] = titles[k].word;
}

static const lg_title *title_of(const char *folded, uint32_t hash)
{
    pthread_once(&title_words_once, list_title_words);
    if (!lg_wordset_has(title_words, folded, hash))
        return NULL;
    for (size_t k = 0; k < N_TITLES; k++)
        if (strcmp(titles[k].word, folded) == 0)
            return &titles[k];
    return NULL;
}

/* The words are lower case: the span is folded once and compared. */
static const lg_title *title_in(const char *s, size_t start, size_t end)
{
    char folded[LG_FOLD_CAP];
    return lg_span_fold(s, start, end, folded) ? title_of(folded, lg_word_hash(folded)) : NULL;
}

const lg_title *lg_title_at(const lg_reading *r, size_t i)
{
    const lg_etok *t = tok(r, i);
    if (!lg_etok_word(t))
        return NULL;
    size_t end = lg_etok_bare_end(r->s, t), first = t->start, last = end;
    while (first < end && r->s[first] != '-')
        first++;
    while (last > t->start && r->s[last - 1] != '-')
        last--;
    const lg_title *title = title_of(folded(r, i), r->folds.hash[i]);
    if (!title && first < end)
        title = title_in(r->s, t->start, first);
    if (!title && first < end)
        title = title_in(r->s, last, end);
    return title;
}

const char *lg_qualifier_at(const lg_reading *r, size_t i)
{
    if (lg_word_in(r, i, foreign_marks))
        return "foreign";
    return lg_etok_is(r->s, tok(r, i), "prime") ? "prime" : "";
}

const char *lg_qualified_office(const char *office, const char *qualifier)
{
    return !strcmp(office, "leader") && !strcmp(qualifier, "foreign") ? "minister" : office;
}

/* ---- clauses ---- */

/* "firmly", "repeatedly", "only". */
static int is_adverb(const lg_reading *r, size_t i)
{
    const lg_etok *t = tok(r, i);
    return lg_etok_word(t) && !(t->flags & LG_W_CAP) && t->end - t->start > 3 && r->s[t->end - 2] == 'l'
        && r->s[t->end - 1] == 'y';
}

size_t lg_skip_auxiliaries(const lg_reading *r, size_t a, size_t j)
{
    for (;;) {
        if (j > a && lg_out(r, j - 1) && (lg_word_in(r, j - 1, lg_auxiliaries) || is_adverb(r, j - 1)))
            j--;
        else if (j > a + 1 && lg_out(r, j - 1) && lg_capitalised(tok(r, j - 1))
                 && lg_etok_is(r->s, tok(r, j - 2), "on")) /* a day, or a place: no subject */
            j -= 2;
        else
            return j;
    }
}

size_t lg_opening_comma(const lg_reading *r, size_t a, size_t j)
{
    for (size_t i = j; i > a && j - i < LG_MAX_PAREN;) {
        i--;
        if (!lg_out(r, i))
            return LG_NO_TOKEN;
        if (tok(r, i)->punct == ',')
            return i;
    }
    return LG_NO_TOKEN;
}

int lg_may_invert(const lg_reading *r, size_t a, size_t v)
{
    return v == a || !lg_etok_word(tok(r, v - 1)) || lg_cyrillic_word(r, v);
}

/* ---- names ---- */

int lg_declined(const char *form, const char *nominative)
{
    static const char *const hard[] = {"a", "u", "im", "e", "om", NULL};
    static const char *const adjectival[] = {"ogo", "omu", "im", "om", NULL};
    static const char *const feminine[] = {"oi", "u", NULL};
    size_t n = strlen(nominative);
    char last = n ? nominative[n - 1] : 0;
    const char *const *ends = last == 'i' ? adjectival : last == 'a' ? feminine : hard;
    size_t stem = ends == hard ? n : n - 1;
    if (strncmp(form, nominative, stem))
        return 0;
    for (; *ends; ends++)
        if (!strcmp(form + stem, *ends))
            return 1;
    return 0;
}
