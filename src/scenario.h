/* scenario.h — a scenario applied to a checked model (language.md, "Scenarios"). */
#ifndef DAIRY_SCENARIO_H
#define DAIRY_SCENARIO_H

#include "arena.h"
#include "model.h"

/* A copy of `base` with scenario `s`'s statements applied in order, from
 * the base values.  Arrays that a statement changes are copied into the
 * arena; everything else is shared with base (never freed through the
 * copy: do not call model_free on it).  Closed plants get `closed` set.
 * Range results keep lo <= hi: scaling scales both bounds. */
Model *scenario_apply(Arena *a, const Model *base, int s);

/* The same for period t (language.md, "Periods and storage"): base with
 * the period's table rows and blocks applied (Model.periods).  A scenario
 * of a model with periods applies to each period's model in turn:
 * scenario_apply(a, period_apply(a, base, t), s). */
Model *period_apply(Arena *a, const Model *base, int t);

#endif
