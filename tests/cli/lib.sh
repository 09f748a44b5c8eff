# Sourced by the command-line test scripts: one check per behaviour, each saying in one line
# what it shows, and a closing "NAME: N passed, N failed" line.
passed=0
failed=0
skipped=0

check() {  # check "what it shows" command...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what"
    return 1
  fi
}

skip() {  # skip "what" "why"
  skipped=$((skipped + 1))
  echo "skip: $1 ($2)"
}

# Prints the closing line and exits non-zero on any failure.
finish() {  # finish NAME
  if [ "$skipped" -gt 0 ]; then
    echo "$1: $passed passed, $failed failed, $skipped skipped"
  else
    echo "$1: $passed passed, $failed failed"
  fi
  [ "$failed" -eq 0 ]
  exit
}
