/**
 * C source files built from function templates, with a line-counting main.
 */
import { pickN } from './random-choice.mjs';
import { T } from './template-fill.mjs';

// C
const C_FUNCS = [
  (c) => ({
    includes: ['stddef.h'],
    code: T(
      String.raw`/* Mean of n «field» values; 0.0 for an empty array. */
double «s»_mean_«field»(const double *values, size_t n)
{
    double sum = 0.0;
    size_t i;

    if (n == 0)
        return 0.0;
    for (i = 0; i < n; i++)
        sum += values[i];
    return sum / (double)n;
}`,
      c,
    ),
  }),
  (c) => ({
    includes: ['stdlib.h'],
    code: T(
      String.raw`struct «s»_node {
    int id;
    double «field»;
    struct «s»_node *next;
};

/* Push a node at the head of the list; returns NULL when out of memory. */
struct «s»_node *«s»_push(struct «s»_node *head, int id, double «field»)
{
    struct «s»_node *node = malloc(sizeof(*node));

    if (node == NULL)
        return NULL;
    node->id = id;
    node->«field» = «field»;
    node->next = head;
    return node;
}

void «s»_free_all(struct «s»_node *head)
{
    while (head != NULL) {
        struct «s»_node *next = head->next;
        free(head);
        head = next;
    }
}`,
      c,
    ),
  }),
  (c) => ({
    includes: ['ctype.h', 'string.h'],
    code: String.raw`/* Remove leading and trailing whitespace in place and return the start. */
char *trim(char *text)
{
    char *end;

    while (isspace((unsigned char)*text))
        text++;
    if (*text == '\0')
        return text;
    end = text + strlen(text) - 1;
    while (end > text && isspace((unsigned char)*end))
        end--;
    end[1] = '\0';
    return text;
}`,
  }),
  (c) => ({
    includes: ['stddef.h'],
    code: T(
      String.raw`/* Index of the largest value, or -1 when n is zero. */
long index_of_max(const double *values, size_t n)
{
    size_t i, best = 0;

    if (n == 0)
        return -1;
    for (i = 1; i < n; i++)
        if (values[i] > values[best])
            best = i;
    return (long)best;
}

static int clamp_int(int value, int low, int high)
{
    if (value < low)
        return low;
    if (value > high)
        return high;
    return value;
}`,
      c,
    ),
  }),
];

const C_MAIN = String.raw`int main(int argc, char **argv)
{
    FILE *fp;
    int ch;
    long lines = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 1;
    }
    fp = fopen(argv[1], "r");
    if (fp == NULL) {
        perror(argv[1]);
        return 1;
    }
    while ((ch = fgetc(fp)) != EOF)
        if (ch == '\n')
            lines++;
    fclose(fp);
    printf("%ld\n", lines);
    return 0;
}`;

export function cFile(rng, c) {
  const fns = pickN(rng, C_FUNCS, rng.int(2, 3)).map((f) => f(c));
  const includes = new Set(['stdio.h', ...fns.flatMap((f) => f.includes)]);
  const head = `/*\n * ${c.s}_tools.c - ${rng.pick(['small helpers for the ' + c.s + ' importer', 'utilities used by the ' + c.p + ' command-line tool', 'shared routines for ' + c.s + ' processing'])}\n */`;
  return `${head}\n${[...includes]
    .sort()
    .map((i) => `#include <${i}>`)
    .join('\n')}\n\n${fns.map((f) => f.code).join('\n\n')}\n\n${C_MAIN}\n`;
}
