# Sourced by the whole-run benchmarks: the generated corpus of N posts, made once per size.
# Needs $bin (the release build directory) and $shared (the real posts to recombine).
corpus_for() {  # corpus_for N → a directory of N generated posts, made once
  local dir=build/bench/corpus-$1
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    "$bin/bench/make_corpus" "$shared" "$dir" "$1" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}
