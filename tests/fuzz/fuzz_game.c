/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_game.c: the game-file loader (entente play/tournament/solve FILE),
** then a small round robin of what it accepts (at most 6 players, 20 turns,
** 2 repetitions): a loaded game must be safe to play.
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
    if (!c)
        return 0;
    ent_tournament_spec spec = {
        .game = &c->game, .players = c->players, .n = c->n_players < 6 ? c->n_players : 6,
        .match = { c->turns < 20 ? c->turns : 20, c->noise, c->prob_end },
        .repetitions = c->repetitions < 2 ? c->repetitions : 2, .seed = c->seed, .threads = 1,
    };
    ent_tournament_result res;
    if (ent_tournament_run(&spec, &res) == 0)
        ent_tournament_result_free(&res);
    ent_classic_free(c);
    return 0;
}
