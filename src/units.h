/* units.h — dimensions, unit parsing and exact conversion to base units.
 * Base units: t (mass), the model's currency (money), km (distance),
 * days (time); ratio is dimensionless (% is 0.01). */
#ifndef DAIRY_UNITS_H
#define DAIRY_UNITS_H

#include <stdbool.h>
#include <stddef.h>

/* Exponents of the four base dimensions; all zero is a ratio. */
typedef struct {
    signed char mass, money, dist, time;
} Dim;

typedef struct {
    Dim dim;
    double scale;     /* multiply a value in this unit by scale to get base units */
    double num, den;  /* scale as an exact fraction of integers (kg: 1/1000) */
    char currency[4]; /* the currency code the unit names, "" if none */
    bool percent;     /* the unit is "%" */
} Unit;

typedef enum {
    UNIT_OK = 0,
    UNIT_UNKNOWN,        /* a word that is not a unit */
    UNIT_TWO_CURRENCIES, /* "BYN/RUB": two different currency codes in one unit */
    UNIT_SYNTAX          /* empty unit, "//", trailing "/", "%" in a compound */
} UnitStatus;

/* Parse a unit as written after a number: "t", "kg", "km", "day", "days",
 * "week", "weeks" (7 days), "%", a currency code (three capital ASCII
 * letters), or a compound "A/B/C" of those words (no spaces).
 * On error, *bad_off and *bad_len (if not NULL) give the offending word's
 * byte range inside text. */
UnitStatus unit_parse(const char *text, size_t len, Unit *out, size_t *bad_off,
                      size_t *bad_len);

/* A value in unit u converted to base units exactly: v * num / den, so
 * that 700 kg is the double nearest 0.7 t (v * 0.001 would not be). */
double unit_to_base(const Unit *u, double v);

/* The ratio unit (dimensionless, scale 1): what a bare number means. */
Unit unit_ratio(void);

bool dim_eq(Dim a, Dim b);
bool dim_is_ratio(Dim d);

/* Common dimensions. */
Dim dim_mass(void);          /* t */
Dim dim_money(void);         /* BYN */
Dim dim_distance(void);      /* km */
Dim dim_time(void);          /* days */
Dim dim_ratio(void);         /* % or bare */
Dim dim_money_per_mass(void);          /* BYN/t */
Dim dim_money_per_mass_distance(void); /* BYN/t/km */

/* A dimension in words, for messages: "mass", "money per mass",
 * "money per mass per distance", "ratio", "distance", "time", and for any
 * other combination a product/quotient such as "mass per time" or
 * "money times distance".  Writes at most size bytes (NUL-terminated). */
void dim_name(Dim d, char *buf, size_t size);

/* An example quantity of a dimension, for hints: mass "9000 t",
 * money "1000 BYN", money per mass "820 BYN/t", money per mass per distance
 * "0.45 BYN/t/km", distance "38 km", time "30 days", ratio "85%"; other
 * dimensions are built from base units ("1 t/days").  currency is the model's
 * code, or NULL for "BYN". */
void dim_example(Dim d, const char *currency, char *buf, size_t size);

/* The base unit of a dimension, as written: "t", "BYN/t", "BYN/t/km", "km",
 * "days", "" for ratio.  currency as above. */
void dim_base_unit(Dim d, const char *currency, char *buf, size_t size);

#endif
