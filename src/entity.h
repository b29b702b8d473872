/* entity.h — the kinds of named things a model declares: the parser tags
 * declarations with them, the checker resolves names by them, and the
 * model's scenario actions say which kind they change.  Apart from ast.h
 * so that the model does not depend on the syntax tree. */
#ifndef DAIRY_ENTITY_H
#define DAIRY_ENTITY_H

typedef enum {
    K_PRODUCT, K_FARM, K_PLANT, K_MARKET, K_STRATEGY, K_SCENARIO,
    K_SEGMENT, K_LET, K_COUNT
} EntityKind;

#endif
