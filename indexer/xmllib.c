#include "xmllib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    htmlDocPtr (*read_memory)(const char *, int, const char *, const char *, int);
    void (*free_doc)(xmlDocPtr);
    xmlNodePtr (*root)(const xmlDoc *);
    xmlChar *(*get_prop)(const xmlNode *, const xmlChar *);
    xmlAttrPtr (*has_prop)(const xmlNode *, const xmlChar *);
    xmlChar *(*content)(const xmlNode *);
    xmlFreeFunc *free; /* libxml2's variable: the allocator it was set up with */
} api;
static char load_error[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    void *lib = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(load_error, sizeof load_error, "cannot load libxml2.so.2: %s", dlerror());
        return;
    }
    /* Function pointers through void **: the idiom POSIX gives for dlsym. */
    struct { const char *name; void **slot; } syms[] = {
        {"htmlReadMemory", (void **)&api.read_memory}, {"xmlFreeDoc", (void **)&api.free_doc},
        {"xmlDocGetRootElement", (void **)&api.root}, {"xmlGetProp", (void **)&api.get_prop},
        {"xmlHasProp", (void **)&api.has_prop}, {"xmlNodeGetContent", (void **)&api.content},
    };
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
        if (!(*syms[i].slot = dlsym(lib, syms[i].name))) {
            snprintf(load_error, sizeof load_error, "libxml2: %s", dlerror());
            return;
        }
    void *var = dlsym(lib, "xmlFree");
    if (!var)
        snprintf(load_error, sizeof load_error, "libxml2: %s", dlerror());
    api.free = var; /* set last: it marks success */
}

int lg_xml_load(char *err, size_t cap)
{
    pthread_once(&once, load);
    if (api.free)
        return 0;
    snprintf(err, cap, "%s", load_error);
    return -1;
}

htmlDocPtr lg_xml_read_memory(const char *buf, int size, const char *url, const char *encoding,
                              int options)
{
    return api.read_memory(buf, size, url, encoding, options);
}

void lg_xml_free_doc(xmlDocPtr doc)
{
    api.free_doc(doc);
}

xmlNodePtr lg_xml_root(const xmlDoc *doc)
{
    return api.root(doc);
}

xmlChar *lg_xml_get_prop(const xmlNode *n, const xmlChar *name)
{
    return api.get_prop(n, name);
}

int lg_xml_has_prop(const xmlNode *n, const xmlChar *name)
{
    return api.has_prop(n, name) != NULL;
}

xmlChar *lg_xml_content(const xmlNode *n)
{
    return api.content(n);
}

void lg_xml_free(void *p)
{
    if (p)
        (*api.free)(p);
}
