grep -q "^in/units.csv:2: error: .*U+1F600" stderr
