Optimal - objective value 1
      0 x(north,city_dairy) abc 0
