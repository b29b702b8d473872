Optimal - objective value -11820594.28571429
      0 x(north,city_dairy)                  9000           5.3290705e-14
      1 x(south,city_dairy)                  6000           5.3290705e-14
      2 y(city_dairy,butter)            277.14286                       0
      3 y(city_dairy,milk32)                 9000                       0
      4 s(city_dairy,d1)                      150                       0
      5 s(city_dairy,d2)                        0                  1442.8
