/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz.h: what the fuzz targets share. Each target (fuzz_*.c) defines
** LLVMFuzzerTestOneInput; built with clang -fsanitize=fuzzer it is a
** libFuzzer program (make fuzz), built with the normal compiler and
** replay.c it replays files (the regression inputs, in make test).
**
** The loaders take a path, so an input is written to a file in a temporary
** folder of this process (removed at exit) and the real loader reads it.
*/
#ifndef ENT_FUZZ_H
#define ENT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The temporary folder of this process (created on first use; exits on failure). */
const char *ent_fuzz_dir(void);
/* Write data to ent_fuzz_dir()/name; returns the path (static buffer of
** at most 4 paths in rotation); exits on failure. */
const char *ent_fuzz_file(const char *name, const uint8_t *data, size_t size);
/* The source tree (ENTENTE_ROOT, else the current folder). */
const char *ent_fuzz_root(void);
/* Split data at the line "====": part i (0-based) of at most n; missing
** parts are empty. */
void ent_fuzz_split(const uint8_t *data, size_t size, size_t n, const uint8_t **part, size_t *len);

#endif
