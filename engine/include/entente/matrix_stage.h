/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** matrix_stage.h: the view and decision of the `matrix` stage, in which the
** patron plays a separate repeated 2x2 game (the row) with each ally (the
** column) every round; strategies are the classic library's, wrapped.
*/
#ifndef ENT_MATRIX_STAGE_H
#define ENT_MATRIX_STAGE_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include "entente/game_strategy.h"
#include "entente/matrix.h"
#include "entente/scenario.h"

/* What a matrix-stage strategy sees before its move against one opponent. */
typedef struct {
    const ent_gs_type *gs;  /* the library strategy behind the wrapper */
    ent_gs_view game;       /* turn, announced length, both histories, own R, S, T, P */
    int opponent;           /* agent index of the other player */
} ent_matrix_view;

typedef struct {
    int action;             /* ENT_C (action 0) or ENT_D (action 1), before noise */
} ent_matrix_decision;

/* The game that pipeline stage `stage` of `s` plays (its preset with the
** R, S, T, P overrides). Returns 0, or -1 if that stage is not `matrix`. */
int ent_matrix_stage_game(const ent_scenario *s, int stage, ent_bimatrix *g);

ENT_END_DECLS

#endif
