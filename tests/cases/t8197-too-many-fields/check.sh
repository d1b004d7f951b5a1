grep -q "^in/index.xml:[0-9]*: error: " stderr
