Optimal - objective value 2974594.00000000
      0 supply(north)                        3810                      -0
      1 supply(south)                        7500                   19.65
      2 intake(city_dairy)                  11310                      -0
      3 milk(city_dairy)                        0                   837.1
      4 output(city_dairy,butter)             150                      -0
      5 stock(city_dairy,butter)                0                 17889.1
      6 output(city_dairy,milk32)            8000                      -0
      7 stock(city_dairy,milk32)                0                 948.842
      8 demand(d1)                            150                 -7496.3
      9 demand(d2)                           8000                 493.958
      0 x(north,city_dairy)                  3810                       0
      1 x(south,city_dairy)                  7500                       0
      2 y(city_dairy,butter)                  150                       0
      3 y(city_dairy,milk32)                 8000                       0
      4 s(city_dairy,d1)                      150            9.094947e-13
      5 s(city_dairy,d2)                     8000                       0
