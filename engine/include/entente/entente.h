/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** entente.h: the public interface of libentente, in one include.
*/
#ifndef ENT_ENTENTE_H
#define ENT_ENTENTE_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include "entente/diag.h"
#include "entente/param.h"
#include "entente/rng.h"
#include "entente/scenario.h"
#include "entente/stage.h"
#include "entente/run.h"
#include "entente/burden.h"
#include "entente/api.h"
#include "entente/status.h"
#include "entente/version.h"

ENT_END_DECLS

#endif
