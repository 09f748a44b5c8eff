#!/usr/bin/env bash
# Installation: `cmake --install` of a built tree gives a working command, man page and bash
# completion, a CMake package that a separate project builds against, and `cpack -G DEB` a
# package that depends on the Debian runtime libraries; the Python package, installed, prints
# the CLI's line for every seed, and `cpack` makes its python3-corpus-clean package too.
# Everything is written to a temporary directory (and CMake's install manifest to the build
# tree), never to the source tree.
# Usage: tests/install/run.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
. "$(dirname "$0")/../cli/lib.sh"
have() { command -v "$1" >/dev/null 2>&1; }
matches() { compgen -G "$1" >/dev/null; }  # matches GLOB: some file matches it
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }

# --- cmake --install ------------------------------------------------------------------------

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1
check "cmake --install succeeds" test $? -eq 0 || cat "$tmp/install.log"
libdir=$(cache_value CMAKE_INSTALL_LIBDIR)
for f in bin/corpus-clean share/man/man1/corpus-clean.1.gz \
         share/bash-completion/completions/corpus-clean \
         share/zsh/vendor-completions/_corpus-clean \
         share/corpus-clean/rules/default.yaml share/corpus-clean/record.schema.json \
         share/doc/corpus-clean/copyright share/doc/corpus-clean/changelog.Debian.gz \
         share/doc/libcorpus-clean-dev/copyright \
         "$libdir/libcorpus_clean.a" include/corpus_clean/pipeline.hpp \
         "$libdir/cmake/corpus_clean/corpus_cleanConfig.cmake" \
         "$libdir/cmake/corpus_clean/corpus_cleanConfigVersion.cmake" \
         "$libdir/cmake/corpus_clean/corpus_cleanTargets.cmake"; do
  check "installed: $f" test -e "$prefix/$f"
done
check "installed headers are the public ones only" \
  bash -c "cd '$src/include/corpus_clean' && ls *.hpp | sort >'$tmp/src-headers' &&
           cd '$prefix/include/corpus_clean' && ls | sort | cmp -s - '$tmp/src-headers'"

cmake --install "$build" --prefix "$tmp/runtime" --component runtime >/dev/null 2>&1
check "the runtime component has the command and no library" \
  bash -c "test -x '$tmp/runtime/bin/corpus-clean' && ! test -e '$tmp/runtime/include' &&
           ! test -e '$tmp/runtime/$libdir'"

# --- the installed command, man page and completions ----------------------------------------

"$prefix/bin/corpus-clean" --version >"$tmp/version" 2>&1
check "installed --version: exit 0" test $? -eq 0
check "installed --version names the program" grep -q "^corpus-clean " "$tmp/version"
check "installed binary cleans a seed" \
  bash -c "'$prefix/bin/corpus-clean' --quiet '$src/seeds' | jq -e -s 'length == 5' >/dev/null"

man_page=$prefix/share/man/man1/corpus-clean.1.gz
if have man; then
  MANWIDTH=80 man --warnings -l "$man_page" >"$tmp/man.out" 2>"$tmp/man.err"
  check "man -l renders the installed page" \
    bash -c "test $? -eq 0 && grep -q 'EXIT STATUS' '$tmp/man.out' &&
             grep -q -- '--shard' '$tmp/man.out'"
  check "man -l: no warnings" test ! -s "$tmp/man.err" || cat "$tmp/man.err"
else
  skip "man -l" "man is not installed: Debian package man-db"
fi
if have groff; then
  zcat "$man_page" | groff -ww -z -man -Tutf8 2>"$tmp/groff.err"
  check "groff -ww: no warnings" test $? -eq 0 -a ! -s "$tmp/groff.err" || cat "$tmp/groff.err"
else
  skip "groff -ww" "groff is not installed: Debian package groff-base"
fi

# Completes a command line with the installed bash completion; prints the candidates.
bash_complete() {
  bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _corpus_clean corpus-clean "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' _ "$prefix/share/bash-completion/completions/corpus-clean" "$@"
}
# The candidates bash offers, on one line: completes_to "EXPECTED ..." WORD...
completes_to() {
  local expected=$1
  shift
  [ "$(bash_complete "$@" | tr '\n' ' ')" = "$expected " ]
}
check "bash: complete -F is registered" \
  bash --norc --noprofile -c "source '$prefix/share/bash-completion/completions/corpus-clean' &&
                              complete -p corpus-clean | grep -q _corpus_clean"
check "bash: corpus-clean --mi<TAB> offers --min-chars" completes_to "--min-chars" corpus-clean --mi
check "bash: --dedup <TAB> offers exact, near and both" \
  completes_to "exact near exact,near" corpus-clean --dedup ""
check "bash: corpus-clean de<TAB> offers the dedup command" completes_to "dedup" corpus-clean de
check "bash: corpus-clean dedup --dr<TAB> offers --drop-list" \
  completes_to "--drop-list" corpus-clean dedup --dr
check "bash: --site z<TAB> offers zhihu-daily" completes_to "zhihu-daily" corpus-clean --site z
check "bash: --no-normalize N1<TAB> offers N1 and N10..N16" \
  completes_to "N1 N10 N11 N12 N13 N14 N15 N16" corpus-clean --no-normalize N1
check "bash: --no-normalize a<TAB> offers all" completes_to "all" corpus-clean --no-normalize a
# Every long option of --help is documented in the man page and offered by both completions.
"$prefix/bin/corpus-clean" --help | grep -oE '(^|[ ,])--[a-z][a-z-]+' | sed 's/^[ ,]//' |
  sort -u >"$tmp/help-options"
zcat "$man_page" | sed 's/\\-/-/g' >"$tmp/man.txt"
# The words bash offers after '-': its `local options="..."` list.
sed -n '/local options="/,/"$/p' "$prefix/share/bash-completion/completions/corpus-clean" \
  >"$tmp/bash-options"
missing=""
while read -r option; do
  grep -qF -- "$option" "$tmp/man.txt" || missing+=" man:$option"
  grep -qE -- "(^|[ \"])$option( |\$|\")" "$tmp/bash-options" || missing+=" bash:$option"
  grep -qE -- "(^|['{,*( ])$option([]=[+' ,}]|\$)" \
    "$prefix/share/zsh/vendor-completions/_corpus-clean" || missing+=" zsh:$option"
done <"$tmp/help-options"
check "every --help option is in the man page and both completions ($(wc -l <"$tmp/help-options") options)" \
  test -z "$missing" || echo "missing:$missing"
if have zsh; then
  check "zsh: the completion parses" zsh -n "$prefix/share/zsh/vendor-completions/_corpus-clean"
else
  skip "zsh completion" "zsh is not installed: Debian package zsh"
fi

# --- a separate project against the installed CMake package ---------------------------------

generator=()
have ninja && generator=(-G Ninja)
cmake -S "$src/tests/install/consumer" -B "$tmp/consumer" "${generator[@]}" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$(cache_value CMAKE_CXX_COMPILER)" \
  >"$tmp/consumer.log" 2>&1 &&
  cmake --build "$tmp/consumer" >>"$tmp/consumer.log" 2>&1
check "consumer: find_package(corpus_clean) and build" test $? -eq 0 || cat "$tmp/consumer.log"
"$tmp/consumer/consumer" >"$tmp/consumer.out" 2>&1
check "consumer: process_document gives the record with its title" test $? -eq 0 ||
  cat "$tmp/consumer.out"
check "consumer: its record is one JSON line" jq -e '.title == "商务部谈中俄贸易"' "$tmp/consumer.out" >/dev/null

# --- the Python package ----------------------------------------------------------------------

python=$(cache_value Python3_EXECUTABLE)
python_dir=$(cache_value CORPUS_CLEAN_PYTHON_INSTALL_DIR)
# A sanitizer build's extension loads into an interpreter that has loaded the ASan runtime first.
python_env=()
if [ "$(cache_value CORPUS_CLEAN_SANITIZE)" = ON ]; then
  python_env=("LD_PRELOAD=$("$(cache_value CMAKE_CXX_COMPILER)" -print-file-name=libasan.so)"
              "ASAN_OPTIONS=detect_leaks=0")
fi
# The line `python3 -c "import corpus_clean as c, json; ..."` prints for seed $1, with the
# package found in $2.
python_line() {
  (cd "$src" && env "${python_env[@]}" PYTHONPATH="$2" "$python" -c "import corpus_clean as c, json; p='$1'; print(json.dumps(c.clean(open(p,'rb').read(), path=p), ensure_ascii=False, separators=(',',':')))")
}
if matches "$build/python/corpus_clean/_core*.so"; then
  package=$prefix/$python_dir/corpus_clean
  for f in __init__.py _core.pyi py.typed; do
    check "installed: $python_dir/corpus_clean/$f" test -e "$package/$f"
  done
  check "installed: the extension $python_dir/corpus_clean/_core*.so" matches "$package/_core*.so"
  check "installed: share/doc/python3-corpus-clean/copyright" \
    test -e "$prefix/share/doc/python3-corpus-clean/copyright"
  mismatched=""
  for seed in "$src"/seeds/*; do
    p=seeds/${seed##*/}
    (cd "$src" && "$prefix/bin/corpus-clean" --quiet "$p") >"$tmp/cli.line"
    python_line "$p" "$prefix/$python_dir" >"$tmp/python.line" 2>"$tmp/python.err"
    [ -s "$tmp/cli.line" ] && cmp -s "$tmp/cli.line" "$tmp/python.line" || mismatched+=" $p"
  done
  check "python3 -c 'import corpus_clean ...' prints the installed CLI's line for every seed" \
    test -z "$mismatched" || { echo "differ:$mismatched"; cat "$tmp/python.err"; }
  check "the runtime component has no Python package" test ! -e "$tmp/runtime/$python_dir"
  cmake --install "$build" --prefix "$tmp/python" --component python >/dev/null 2>&1
  others=$(cd "$tmp/python" && find . -type f | grep -v -e "^./$python_dir/corpus_clean/" \
             -e '^./share/doc/python3-corpus-clean/')
  check "the python component is the package and its docs only" test -z "$others" ||
    echo "also: $others"
else
  skip "the Python package" "not built: Debian packages python3-dev and pybind11-dev"
fi

# --- cpack -G DEB ---------------------------------------------------------------------------

if have dpkg-deb && have cpack; then
  (cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg") \
    >"$tmp/cpack.log" 2>&1
  check "cpack -G DEB succeeds" test $? -eq 0 || cat "$tmp/cpack.log"
  deb=$(find "$tmp/pkg" -maxdepth 1 -name 'corpus-clean_*.deb' 2>/dev/null | head -n 1)
  check "cpack: corpus-clean_*.deb is made" test -n "$deb"
  if [ -n "$deb" ]; then
    dpkg-deb -I "$deb" >"$tmp/deb-info"
    depends=$(sed -n 's/^ Depends: //p' "$tmp/deb-info")
    echo "corpus-clean.deb Depends: $depends"
    check "deb: Package is corpus-clean" grep -q "^ Package: corpus-clean$" "$tmp/deb-info"
    check "deb: Depends names libgumbo1" grep -q "libgumbo1" <<<"$depends"
    check "deb: Depends names libicu72" grep -q "libicu72" <<<"$depends"
    dpkg-deb -c "$deb" >"$tmp/deb-files"
    for f in ./usr/bin/corpus-clean ./usr/share/man/man1/corpus-clean.1.gz \
             ./usr/share/doc/corpus-clean/copyright ./usr/share/doc/corpus-clean/changelog.Debian.gz \
             ./usr/share/bash-completion/completions/corpus-clean \
             ./usr/share/zsh/vendor-completions/_corpus-clean \
             ./usr/share/corpus-clean/rules/default.yaml \
             ./usr/share/corpus-clean/record.schema.json; do
      check "deb holds $f" grep -q " $f\$" "$tmp/deb-files"
    done
    check "deb holds no library or headers" bash -c "! grep -qE '\\.a\$|/include/' '$tmp/deb-files'"
    check "deb: the man page is gzip -9n (no name, no time stamp)" \
      bash -c "dpkg-deb --fsys-tarfile '$deb' | tar -xO ./usr/share/man/man1/corpus-clean.1.gz |
               od -An -tx1 -N8 | grep -q '1f 8b 08 00 00 00 00 00'"
    python_deb=$(find "$tmp/pkg" -maxdepth 1 -name 'python3-corpus-clean_*.deb' | head -n 1)
    if matches "$build/python/corpus_clean/_core*.so"; then
      check "cpack: python3-corpus-clean_*.deb is made" test -n "$python_deb"
    fi
    if [ -n "$python_deb" ]; then
      dpkg-deb -I "$python_deb" >"$tmp/python-deb-info"
      python_depends=$(sed -n 's/^ Depends: //p' "$tmp/python-deb-info")
      echo "python3-corpus-clean.deb Depends: $python_depends"
      check "python deb: Package is python3-corpus-clean" \
        grep -q "^ Package: python3-corpus-clean$" "$tmp/python-deb-info"
      check "python deb: Depends names python3 of the version built for" \
        grep -q "python3 (>= $(cache_value CORPUS_CLEAN_PYTHON_VERSION)~)" <<<"$python_depends"
      check "python deb: Depends names libgumbo1" grep -q "libgumbo1" <<<"$python_depends"
      dpkg-deb -c "$python_deb" >"$tmp/python-deb-files"
      for f in __init__.py _core.pyi py.typed; do
        check "python deb holds /usr/$python_dir/corpus_clean/$f" \
          grep -q " ./usr/$python_dir/corpus_clean/$f\$" "$tmp/python-deb-files"
      done
      check "python deb holds the extension and its copyright only besides" \
        bash -c "grep -q ' ./usr/$python_dir/corpus_clean/_core.*\\.so\$' '$tmp/python-deb-files' &&
                 grep -q ' ./usr/share/doc/python3-corpus-clean/copyright\$' '$tmp/python-deb-files' &&
                 ! grep -qE ' ./usr/(bin|include)/' '$tmp/python-deb-files'"
      dpkg-deb -x "$python_deb" "$tmp/python-deb"
      python_line seeds/000_847a8487eada5079.txt "$tmp/python-deb/usr/$python_dir" >"$tmp/deb.line"
      (cd "$src" && "$prefix/bin/corpus-clean" --quiet seeds/000_847a8487eada5079.txt) >"$tmp/cli.line"
      check "python deb: its package, unpacked, prints the CLI's line" \
        cmp -s "$tmp/deb.line" "$tmp/cli.line"
    fi
    if have lintian; then
      lintian "$tmp"/pkg/*.deb >"$tmp/lintian.out" 2>&1
      # Warnings are printed, not failed: initial-upload-closes-no-bugs, for one, is about
      # uploads to Debian itself.
      grep -E '^W: ' "$tmp/lintian.out"
      check "lintian: no errors" bash -c "! grep -qE '^E: ' '$tmp/lintian.out'" ||
        cat "$tmp/lintian.out"
    else
      skip "lintian" "lintian, which is optional, is not installed: Debian package lintian"
    fi
  fi
else
  skip "cpack -G DEB" "dpkg-deb or cpack is not installed: Debian packages dpkg, cmake"
fi

finish install
