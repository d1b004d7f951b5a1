[ -z "$(find out -name '*.pdf' 2>/dev/null)" ]
