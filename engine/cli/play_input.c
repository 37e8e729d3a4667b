/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** play_input.c: the classroom mode's keyboard. One reader of lines that
** ends cleanly at the end of input or on Ctrl-C, and one parser of numbers
** (a decimal comma is read as a point) that every prompt uses.
*/
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "play.h"

static volatile sig_atomic_t interrupted;
static int echo, echo_checked;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

void play_input_init(void)
{
    /* no SA_RESTART: a read waiting for the keyboard returns at once; a
    ** second Ctrl-C ends the program as usual */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &sa, NULL);
}

int play_interrupted(void)
{
    return interrupted != 0;
}

/* Input has ended (how: PLAY_EOF or PLAY_INTERRUPTED): say so once. */
static void input_ended(int how)
{
    if (g_play.ended)
        return;
    g_play.ended = how;
    g_play.ended_round = g_play.run ? ent_run_round(g_play.run) : 0;
    printf("\n(%s: from here on you keep your last choices and the scenario's strategy answers "
           "for you; the game is saved as it goes on)\n",
           how == PLAY_INTERRUPTED ? "interrupted" : "no more input");
}

int play_ask(const char *prompt, char *buf, size_t cap)
{
    if (g_play.ended)
        return 0;
    if (interrupted) {
        input_ended(PLAY_INTERRUPTED);
        return 0;
    }
    fputs(prompt, stdout);
    fflush(stdout);
    for (;;) {
        errno = 0;
        char *got = fgets(buf, (int)cap, stdin);
        if (interrupted) {
            input_ended(PLAY_INTERRUPTED);
            return 0;
        }
        if (!got) {
            if (ferror(stdin) && errno == EINTR) {
                clearerr(stdin);
                continue;
            }
            input_ended(PLAY_EOF);
            return 0;
        }
        size_t len = strlen(buf);
        if (len + 1 == cap && buf[len - 1] != '\n') {
            /* too long for any answer: drop the rest of the line */
            int c;
            while ((c = getchar()) != EOF && c != '\n')
                ;
        }
        buf[strcspn(buf, "\r\n")] = 0;
        /* a scripted session shows its answers, as a terminal would */
        if (!echo_checked) {
            echo_checked = 1;
            echo = !isatty(STDIN_FILENO);
        }
        if (echo)
            printf("%s\n", buf);
        g_play.last_input_round = g_play.run ? ent_run_round(g_play.run) : 0;
        return 1;
    }
}

int play_blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == 0;
}

/* One token [sign] digits [. or , digits] [%]: 1 and *x, or 0. */
static int parse_token(const char *tok, size_t len, double *x, int *pct)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, tok, len);
    buf[len] = 0;
    *pct = 0;
    if (buf[len - 1] == '%') {
        *pct = 1;
        buf[--len] = 0;
        if (len == 0)
            return 0;
    }
    int seps = 0;
    for (size_t k = 0; k < len; k++) {
        if (buf[k] == ',') buf[k] = '.';
        if (buf[k] == '.') seps++;
        else if (!isdigit((unsigned char)buf[k]) && !(k == 0 && (buf[k] == '-' || buf[k] == '+')))
            return 0;
    }
    if (seps > 1)
        return 0;
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || *end || !isfinite(v))
        return 0;
    *x = v;
    return 1;
}

int play_parse_numbers(const char *s, double *out, int max, int *any_pct)
{
    int n = 0;
    if (any_pct)
        *any_pct = 0;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            return n;
        const char *t = s;
        while (*s && !isspace((unsigned char)*s))
            s++;
        double x;
        int pct;
        if (!parse_token(t, (size_t)(s - t), &x, &pct))
            return -1;
        if (n < max)
            out[n] = x;
        n++;
        if (pct && any_pct)
            *any_pct = 1;
    }
}

int play_parse_number(const char *s, double *x, int *pct)
{
    double v[2];
    int p;
    if (play_parse_numbers(s, v, 2, &p) != 1)
        return 0;
    *x = v[0];
    if (pct)
        *pct = p;
    return 1;
}

int play_first_letter(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return tolower((unsigned char)*s);
}

int play_word(const char *s, const char *letter, const char *word)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return (n == strlen(letter) && !strncasecmp(s, letter, n)) ||
           (n == strlen(word) && !strncasecmp(s, word, n));
}
