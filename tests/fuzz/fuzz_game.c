/*
** fuzz_game.c: the game-file loader (entente play/tournament/solve FILE).
*/
#include "fuzz.h"
#include "entente/entente.h"
#include "entente/game_tournament.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ent_fuzz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = ent_fuzz_file("game.yaml", data, size);
    (void)ent_classic_is_game_file(path);
    ent_diags d;
    ent_diags_init(&d, path);
    ent_classic *c = ent_classic_load(path, &d);
    if (c)
        ent_classic_free(c);
    return 0;
}
