/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** filekind.h: what kind of file a command was given (a scenario, a sweep,
** a game file, a result folder or one of its files), recognised from its
** first bytes, so that a command given the wrong kind says what the file is
** and which command takes it instead of listing what it does not expect.
*/
#ifndef ENT_CLI_FILEKIND_H
#define ENT_CLI_FILEKIND_H

typedef enum {
    ENT_FILE_UNKNOWN = 0,       /* not recognised: the command's own reader reports */
    ENT_FILE_SCENARIO = 1u << 0,        /* patron, allies, stages */
    ENT_FILE_SCENARIO_SWEEP = 1u << 1,  /* a scenario with a sweep: section */
    ENT_FILE_SWEEP = 1u << 2,           /* scenario: PATH and sweep: */
    ENT_FILE_GAME = 1u << 3,            /* a classic game file (game:) */
    ENT_FILE_RESULT_DIR = 1u << 4,      /* a folder with a manifest.json */
    ENT_FILE_MANIFEST = 1u << 5,        /* a result folder's manifest.json */
    ENT_FILE_CSV = 1u << 6,             /* a result table */
    ENT_FILE_HTML = 1u << 7,            /* a report */
    ENT_FILE_IMAGE = 1u << 8,           /* a plot */
    ENT_FILE_DIR = 1u << 9,             /* a folder that is not a result folder */
    ENT_FILE_CALIBRATE = 1u << 10       /* scenario: PATH and calibrate: */
} ent_file_kind;

/* The kind of PATH; for a result folder or manifest, *command (if not NULL)
** is set to the command that wrote it ("run", "sweep" ...; "" if unknown). */
ent_file_kind ent_file_kind_of(const char *path, char *command, size_t cap);

/* If PATH is of a kind that `entente CMD` does not take (accepted: a mask of
** kinds), print what it is and which command takes it, and return 2 (the
** usage exit status); else 0, and the command reads the file itself. */
int ent_file_expect(const char *cmd, const char *path, unsigned accepted);

#endif
