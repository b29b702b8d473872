/* diff_plan.c — --plan (stub) */
#include "diff_int.h"
int diff_plans(DiffList *d, const Model *a, const Model *b, const DiffPlanOptions *o)
{
    (void)d; (void)a; (void)b; (void)o;
    return 0;
}
