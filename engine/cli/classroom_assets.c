/* SPDX-License-Identifier: GPL-3.0-or-later */
/* classroom_assets.c: the classroom page's files as byte arrays, generated
** from engine/cli/classroom/ by engine/tools/embed.sh (make does it; do not edit). */
#include "classroom.h"
static const unsigned char a1[] = {
    0x3c,0x21,0x64,0x6f,0x63,0x74,0x79,0x70,0x65,0x20,0x68,0x74,0x6d,0x6c,0x3e,0x3c,
    0x74,0x69,0x74,0x6c,0x65,0x3e,0x78,0x3c,0x2f,0x74,0x69,0x74,0x6c,0x65,0x3e,0x0a,
    0x00
};
static const unsigned char a2[] = {
    0x78,0x0a,
    0x00
};
static const unsigned char a3[] = {
    0x78,0x0a,
    0x00
};
const cr_asset cr_assets[] = {
    { "/index.html", "text/html; charset=utf-8", a1, sizeof a1 - 1 },
    { "/app.js", "text/javascript; charset=utf-8", a2, sizeof a2 - 1 },
    { "/style.css", "text/css; charset=utf-8", a3, sizeof a3 - 1 },
    { 0, 0, 0, 0 }
};
