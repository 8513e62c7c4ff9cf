/* The fast tier's logit of one short text in one pass (sai.guards.injection.fast).
 *
 * The numpy code (_hashing.py, _features.py, fast.py) is the definition; this computes the
 * same thing without ~30 numpy calls: the n-gram hashes (character n-grams of the padded
 * text, then word n-grams of the CRC-32s of its \w+ tokens), the 64-bit mixer and the top
 * bits that pick a bucket, the distinct buckets and their counts, then the sublinear TF-IDF
 * vector and its dot product with the weights. The integers are the same as numpy's; the
 * three sums of float32 products are taken in double precision (numpy's BLAS sums float32
 * lanes), so a logit may differ from numpy's in the last bits of float32.
 *
 * Scorer.logit() returns None where it does not apply (a lone surrogate, which numpy's path
 * rejects with UnicodeEncodeError; more n-grams than the sublinear table covers): the caller
 * then runs the numpy path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PRIME 0x100000001B3ULL
#define WORD_TAG (1ULL << 40)
/* Longer texts go to numpy (the sublinear table ends long before: 8,193 counts). */
#define MAX_TEXT (1 << 20)

static uint32_t crc_table[256];

static void make_crc_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

/* The running CRC-32 (zlib's, pre- and post-inverted by the caller) of the UTF-8 bytes of
 * one code point. */
static uint32_t crc_code_point(uint32_t crc, Py_UCS4 ch) {
    unsigned char bytes[4];
    int size;
    if (ch < 0x80) {
        bytes[0] = (unsigned char)ch;
        size = 1;
    } else if (ch < 0x800) {
        bytes[0] = (unsigned char)(0xC0 | (ch >> 6));
        bytes[1] = (unsigned char)(0x80 | (ch & 0x3F));
        size = 2;
    } else if (ch < 0x10000) {
        bytes[0] = (unsigned char)(0xE0 | (ch >> 12));
        bytes[1] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | (ch & 0x3F));
        size = 3;
    } else {
        bytes[0] = (unsigned char)(0xF0 | (ch >> 18));
        bytes[1] = (unsigned char)(0x80 | ((ch >> 12) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
        bytes[3] = (unsigned char)(0x80 | (ch & 0x3F));
        size = 4;
    }
    for (int i = 0; i < size; i++) {
        crc = crc_table[(crc ^ bytes[i]) & 0xFFu] ^ (crc >> 8);
    }
    return crc;
}

/* re's \w on str: alphanumeric (str.isalnum) or the underscore; \s: str.isspace. */
static int is_word(Py_UCS4 ch) {
    if (ch < 0x80) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '_';
    }
    return Py_UNICODE_ISALNUM(ch);
}

static uint32_t bucket(uint64_t value, int bits) {
    value ^= value >> 30;
    value *= 0xBF58476D1CE4E5B9ULL;
    value ^= value >> 27;
    value *= 0x94D049BB133111EBULL;
    value ^= value >> 31;
    return (uint32_t)(value >> (64 - bits));
}

typedef struct {
    PyObject_HEAD
    Py_buffer weights; /* float32[2**bits] */
    Py_buffer idf;     /* float32[2**bits]; buf NULL without idf */
    Py_buffer table;   /* float32: 1 + log(count) for counts 0 .. len - 1 */
    int bits, char_min, char_max, word_max, punctuation_tokens;
} Scorer;

/* Every n-gram bucket of the padded text ``codes`` (``size`` code points, a space at each
 * end) into ``out`` (room for ``room``); how many, or -1 when more than ``room``. */
static Py_ssize_t text_buckets(const Scorer *self, const uint32_t *codes, Py_ssize_t size,
                               uint32_t *out, Py_ssize_t room) {
    Py_ssize_t found = 0;
    int first = self->char_min > 2 ? self->char_min : 2;
    /* character n-grams: c(i) * P**(n-1) + ... + c(i+n-1), plus n */
    for (Py_ssize_t i = 0; i + 1 < size; i++) {
        uint64_t rolling = codes[i];
        for (int n = 2; n <= self->char_max && i + n <= size; n++) {
            rolling = rolling * PRIME + codes[i + n - 1];
            if (n >= first) {
                if (found == room) {
                    return -1;
                }
                out[found++] = bucket(rolling + (uint64_t)n, self->bits);
            }
        }
    }
    /* word n-grams: unigram u = CRC-32 + 2**40; w(n) = w(n-1) * P + u(i+n-1) + (n << 44) */
    uint64_t recent[64];
    int window = self->word_max > 1 ? self->word_max : 1;
    Py_ssize_t tokens = 0, i = 1, end = size - 1;
    while (i < end) {
        Py_UCS4 ch = codes[i];
        uint32_t crc = 0xFFFFFFFFu;
        if (is_word(ch)) {
            while (i < end && is_word(ch = codes[i])) {
                crc = crc_code_point(crc, ch);
                i++;
            }
        } else if (self->punctuation_tokens && !Py_UNICODE_ISSPACE(ch)) {
            crc = crc_code_point(crc, ch);
            i++;
        } else {
            i++;
            continue;
        }
        uint64_t unigram = (uint64_t)(crc ^ 0xFFFFFFFFu) + WORD_TAG;
        recent[tokens % window] = unigram;
        tokens++;
        if (found == room) {
            return -1;
        }
        out[found++] = bucket(unigram, self->bits);
        /* the n-grams ending at this token, from its first word on */
        for (int n = 2; n <= self->word_max && n <= tokens; n++) {
            uint64_t gram = recent[(tokens - n) % window];
            for (int k = 2; k <= n; k++) {
                gram = gram * PRIME + recent[(tokens - n + k - 1) % window] + ((uint64_t)k << 44);
            }
            if (found == room) {
                return -1;
            }
            out[found++] = bucket(gram, self->bits);
        }
    }
    return found;
}

/* One text's distinct buckets (in the order first seen) and their counts, in memory that
 * ``release_counted`` frees. */
typedef struct {
    void *memory;
    uint32_t *buckets, *counts;
    float *values; /* room for a value per distinct bucket */
    Py_ssize_t distinct, total;
} Counted;

static void release_counted(Counted *found) { PyMem_Free(found->memory); }

/* Fills ``found``: 1; 0 where the kernel does not apply (the caller uses numpy); -1 with an
 * exception set. The distinct buckets are counted in an open-addressing table of at least
 * twice as many slots as n-grams (a bucket is already the top bits of a mixed hash, so its
 * low bits spread it over the slots); the table holds 1 + each bucket's place in the list. */
static int count_buckets(const Scorer *self, PyObject *text, Counted *found) {
    found->memory = NULL;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "the kernel scores a str");
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return -1;
    }
#endif
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length > MAX_TEXT) { /* numpy's path reads it (its memory is numpy's to refuse) */
        return 0;
    }
    Py_ssize_t room = (length + 2) * (self->char_max > 1 ? self->char_max - 1 : 1);
    room += length * (self->word_max > 1 ? self->word_max : 1) + 1;
    Py_ssize_t slots = 16;
    while (slots < 2 * room) {
        slots *= 2;
    }
    Py_ssize_t size = length + 2;
    /* buckets, counts, table, codes (uint32), then values (float) */
    found->memory = PyMem_Malloc((size_t)(3 * room + slots + size) * 4);
    if (found->memory == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    uint32_t *buckets = found->memory, *counts = buckets + room, *table = counts + room;
    found->values = (float *)(table + slots + size);
    uint32_t *codes = table + slots;
    _Static_assert(sizeof(float) == 4 && sizeof(uint32_t) == 4, "4-byte floats");
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    codes[0] = codes[size - 1] = ' ';
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= 0xD800 && ch <= 0xDFFF) { /* numpy's path raises UnicodeEncodeError */
            return 0;
        }
        codes[i + 1] = ch;
    }
    Py_ssize_t count = text_buckets(self, codes, size, buckets, room);
    if (count < 0) {
        return 0;
    }
    memset(table, 0, (size_t)slots * sizeof(uint32_t));
    uint32_t mask = (uint32_t)slots - 1, distinct = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        uint32_t value = buckets[i], slot = value & mask;
        for (;;) {
            uint32_t place = table[slot];
            if (place == 0) { /* new: ``buckets`` is rewritten behind the read position */
                buckets[distinct] = value;
                counts[distinct++] = 1;
                table[slot] = distinct;
                break;
            }
            if (buckets[place - 1] == value) {
                counts[place - 1]++;
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    found->buckets = buckets;
    found->counts = counts;
    found->distinct = distinct;
    found->total = count;
    return 1;
}

/* sqrt of a float32 dot product, rounded as fast.py rounds it: the sum to float32 (np.dot's
 * result), its root in double, the root to float32 (numpy divides a float32 array by it). */
static float root(double sum) { return (float)sqrt((double)(float)sum); }

/* ``weights . tfidf`` of counted buckets, as FastTier._values and logit compute it. */
static double dot_tfidf(const Scorer *self, const Counted *found) {
    const float *table = self->table.buf, *weights = self->weights.buf, *idf = self->idf.buf;
    const uint32_t *buckets = found->buckets;
    float *values = found->values;
    Py_ssize_t distinct = found->distinct;
    if (!distinct) {
        return 0.0;
    }
    double sum = 0.0;
    for (Py_ssize_t j = 0; j < distinct; j++) {
        values[j] = table[found->counts[j]];
        sum += (double)values[j] * values[j];
    }
    float scale = root(sum);
    sum = 0.0;
    for (Py_ssize_t j = 0; j < distinct; j++) {
        values[j] /= scale;
        if (idf != NULL) {
            values[j] *= idf[buckets[j]];
            sum += (double)values[j] * values[j];
        }
    }
    if (idf != NULL) {
        scale = root(sum);
        for (Py_ssize_t j = 0; j < distinct; j++) {
            values[j] /= scale;
        }
    }
    double dot = 0.0;
    for (Py_ssize_t j = 0; j < distinct; j++) {
        dot += (double)weights[buckets[j]] * values[j];
    }
    return (double)(float)dot;
}

/* ``count_buckets`` for a method: 1, or 0 with what the method returns instead in
 * ``instead`` (NULL: an exception is set; None: the caller uses numpy). */
static int counted_for(const Scorer *self, PyObject *text, Counted *found, PyObject **instead) {
    int done = count_buckets(self, text, found);
    if (done > 0) {
        return 1;
    }
    release_counted(found);
    *instead = done < 0 ? NULL : Py_NewRef(Py_None);
    return 0;
}

static PyObject *scorer_logit(Scorer *self, PyObject *text) {
    Counted found;
    PyObject *instead;
    if (!counted_for(self, text, &found, &instead)) {
        return instead;
    }
    Py_ssize_t limit = self->table.len / (Py_ssize_t)sizeof(float) - 1;
    if (found.total > limit) { /* a count beyond the sublinear table: numpy takes the log */
        release_counted(&found);
        Py_RETURN_NONE;
    }
    double dot = dot_tfidf(self, &found);
    release_counted(&found);
    return PyFloat_FromDouble(dot);
}

static int by_bucket(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* ``found``'s buckets in ascending order, each with its count (for ``buckets()``); -1 with
 * MemoryError set. */
static int sort_counted(Counted *found) {
    Py_ssize_t distinct = found->distinct;
    uint64_t *pairs = PyMem_Malloc((size_t)(distinct ? distinct : 1) * sizeof(uint64_t));
    if (pairs == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t j = 0; j < distinct; j++) {
        pairs[j] = ((uint64_t)found->buckets[j] << 32) | found->counts[j];
    }
    qsort(pairs, (size_t)distinct, sizeof(uint64_t), by_bucket);
    for (Py_ssize_t j = 0; j < distinct; j++) {
        found->buckets[j] = (uint32_t)(pairs[j] >> 32);
        found->counts[j] = (uint32_t)pairs[j];
    }
    PyMem_Free(pairs);
    return 0;
}

static PyObject *scorer_buckets(Scorer *self, PyObject *text) {
    Counted found;
    PyObject *instead;
    if (!counted_for(self, text, &found, &instead)) {
        return instead;
    }
    if (sort_counted(&found) < 0) {
        release_counted(&found);
        return NULL;
    }
    Py_ssize_t size = found.distinct * (Py_ssize_t)sizeof(uint32_t);
    PyObject *result = Py_BuildValue("(y#y#n)", (const char *)found.buckets, size,
                                     (const char *)found.counts, size, found.total);
    release_counted(&found);
    return result;
}

static int take_floats(PyObject *array, Py_buffer *view, Py_ssize_t expected, const char *what) {
    if (PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        return -1;
    }
    if (view->itemsize != 4 || view->format == NULL || strcmp(view->format, "f") != 0 ||
        (expected >= 0 && view->len != expected * 4)) {
        PyBuffer_Release(view);
        view->buf = NULL;
        PyErr_Format(PyExc_ValueError, "%s must be a contiguous float32 array of %zd", what,
                     expected);
        return -1;
    }
    return 0;
}

static int scorer_init(Scorer *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"weights", "idf",      "table",       "bits",
                            "char_min", "char_max", "word_max", "punctuation_tokens", NULL};
    PyObject *weights, *idf, *table;
    int bits, char_min, char_max, word_max, punctuation_tokens;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOiiiip", names, &weights, &idf, &table,
                                     &bits, &char_min, &char_max, &word_max,
                                     &punctuation_tokens)) {
        return -1;
    }
    if (self->weights.buf != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "a Scorer is initialised once");
        return -1;
    }
    if (bits < 1 || bits > 32 || char_max > 64 || word_max < 0 || word_max > 64) {
        PyErr_SetString(PyExc_ValueError, "bits must be 1..32, char_max and word_max 0..64");
        return -1;
    }
    Py_ssize_t size = (Py_ssize_t)1 << bits;
    if (take_floats(weights, &self->weights, size, "weights") < 0) {
        return -1;
    }
    if (idf != Py_None && take_floats(idf, &self->idf, size, "idf") < 0) {
        return -1;
    }
    if (take_floats(table, &self->table, -1, "table") < 0) {
        return -1;
    }
    self->bits = bits;
    self->char_min = char_min;
    self->char_max = char_max;
    self->word_max = word_max;
    self->punctuation_tokens = punctuation_tokens;
    return 0;
}

static void scorer_dealloc(Scorer *self) {
    if (self->weights.buf != NULL) {
        PyBuffer_Release(&self->weights);
    }
    if (self->idf.buf != NULL) {
        PyBuffer_Release(&self->idf);
    }
    if (self->table.buf != NULL) {
        PyBuffer_Release(&self->table);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef scorer_methods[] = {
    {"logit", (PyCFunction)scorer_logit, METH_O,
     "logit(text) -> float | None: weights . tfidf(text), without the bias; None: use numpy"},
    {"buckets", (PyCFunction)scorer_buckets, METH_O,
     "buckets(text) -> (buckets, counts, total) | None: the distinct buckets (ascending) and\n"
     "their counts as uint32 bytes, and the number of n-grams; None: use numpy"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScorerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sai.guards.injection._kernel.Scorer",
    .tp_basicsize = sizeof(Scorer),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The fast tier's weights, idf and sublinear table, held for logit().",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)scorer_init,
    .tp_dealloc = (destructor)scorer_dealloc,
    .tp_methods = scorer_methods,
};

static struct PyModuleDef kernel_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_kernel",
    .m_doc = "The fast tier's logit in one pass (see _kernel.c).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__kernel(void) {
    make_crc_table();
    if (PyType_Ready(&ScorerType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&kernel_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&ScorerType);
    if (PyModule_AddObject(module, "Scorer", (PyObject *)&ScorerType) < 0) {
        Py_DECREF(&ScorerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
