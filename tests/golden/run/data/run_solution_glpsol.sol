c Problem:    dairy
c Rows:       10
c Columns:    6
c Non-zeros:  16
c Status:     OPTIMAL
c Objective:  R0000000 = 2974594 (MAXimum)
c
s bas 10 6 f f 2974594
i 1 b 3810 0
i 2 u 7500 19.6499999999999
i 3 b 11310 0
i 4 u 0 837.1
i 5 b 150 0
i 6 u 0 17889.1
i 7 b 8000 0
i 8 u 0 948.842
i 9 l 150 -7496.3
i 10 u 8000 493.958
j 1 b 3810 0
j 2 b 7500 0
j 3 b 150 0
j 4 b 8000 0
j 5 b 150 0
j 6 b 8000 0
e o f
