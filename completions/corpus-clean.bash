# bash completion for corpus-clean(1); installed as
# share/bash-completion/completions/corpus-clean. Works with or without the bash-completion
# package (its _filedir is used for file names when it is loaded).

_corpus_clean() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=""
  [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}

  # --option=value arrives as three words: --option, '=', value.
  if [ "$cur" = "=" ]; then
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cur=""
  elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  local options="--files-from --include --exclude --shard --shard-by --ext --follow --follow-root --max-bytes --max-html-depth
    --max-front-matter-bytes --max-yaml-nodes --max-yaml-depth --input-format --html-field --text-field --id-field --url-field
    -o --output --errors --stats --extract --assume-tz --fingerprint --min-chars --dedup --dedup-log
    --near-threshold --near-bands --near-ngram --near-permutations --site --lang --rules --explain
    --normalize --no-normalize --simplified --corner-quotes --cjk-spacing -j --jobs
    --progress -q --quiet --strict -V --version -h --help"
  # corpus-clean dedup FILE...: its own options.
  if [ "$COMP_CWORD" -gt 1 ] && [ "${COMP_WORDS[1]}" = dedup ]; then
    _corpus_clean_dedup "$cur" "$prev"
    return 0
  fi
  if [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
    _corpus_clean_files "$cur"
    [[ dedup == "$cur"* ]] && COMPREPLY+=(dedup)
    return 0
  fi

  local sites="sina finews report-preview nbd zhihu-daily mydrivers guancha cs-com cls stcn
    generic"

  case $prev in
    --files-from | -o | --output | --errors | --stats | --rules | --dedup-log)
      _corpus_clean_files "$cur"
      return 0
      ;;
    --follow-root)
      if declare -F _filedir >/dev/null; then
        _filedir -d
      else
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      fi
      return 0
      ;;
    --dedup)
      mapfile -t COMPREPLY < <(compgen -W "exact near exact,near" -- "$cur")
      return 0
      ;;
    --extract)
      mapfile -t COMPREPLY < <(compgen -W "article whole" -- "$cur")
      return 0
      ;;
    --input-format)
      mapfile -t COMPREPLY < <(compgen -W "auto plain warc jsonl" -- "$cur")
      return 0
      ;;
    --shard-by)
      mapfile -t COMPREPLY < <(compgen -W "file document" -- "$cur")
      return 0
      ;;
    --lang)
      mapfile -t COMPREPLY < <(compgen -W "zh ja ko en zh,ja" -- "$cur")
      return 0
      ;;
    --html-field)
      mapfile -t COMPREPLY < <(compgen -W "html content raw_content" -- "$cur")
      return 0
      ;;
    --text-field)
      mapfile -t COMPREPLY < <(compgen -W "text" -- "$cur")
      return 0
      ;;
    --id-field)
      mapfile -t COMPREPLY < <(compgen -W "id" -- "$cur")
      return 0
      ;;
    --url-field)
      mapfile -t COMPREPLY < <(compgen -W "url" -- "$cur")
      return 0
      ;;
    --site)
      mapfile -t COMPREPLY < <(compgen -W "$sites" -- "$cur")
      return 0
      ;;
    --no-normalize)
      # A comma-separated list: complete the id after the last comma.
      local done_ids="" last=$cur
      if [[ $cur == *,* ]]; then
        done_ids=${cur%,*},
        last=${cur##*,}
      fi
      local ids="all" i
      if [ -n "$done_ids" ]; then ids=""; fi
      for i in $(seq 1 16); do ids="$ids N$i"; done
      mapfile -t COMPREPLY < <(compgen -P "$done_ids" -W "$ids" -- "$last")
      compopt -o nospace 2>/dev/null
      return 0
      ;;
    --shard)
      mapfile -t COMPREPLY < <(compgen -W "1/2 2/2 1/4 2/4 3/4 4/4" -- "$cur")
      return 0
      ;;
    --assume-tz)
      mapfile -t COMPREPLY < <(compgen -W "+08:00 +00:00 Z" -- "$cur")
      return 0
      ;;
    -j | --jobs)
      mapfile -t COMPREPLY < <(compgen -W "$(seq 1 "$(nproc 2>/dev/null || echo 4)")" -- "$cur")
      return 0
      ;;
    --ext)
      mapfile -t COMPREPLY < <(compgen -W "md,markdown,html,htm,xhtml,txt,warc,jsonl +rst" -- "$cur")
      return 0
      ;;
    --include | --exclude | --max-bytes | --max-html-depth | --max-front-matter-bytes | \
      --max-yaml-nodes | --max-yaml-depth | --min-chars | --near-threshold | --near-bands | \
      --near-ngram | --near-permutations)
      return 0  # a glob or a number: nothing to offer
      ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi
  _corpus_clean_files "$cur"
}

# The options of corpus-clean dedup, and its FILE arguments.
_corpus_clean_dedup() {
  local cur=$1 prev=$2
  local options="-o --output --drop-list --dedup-log --order --near-threshold --near-bands
    --bands --edges-out --edges -q --quiet -h --help"
  case $prev in
    -o | --output | --drop-list | --dedup-log | --edges-out | --edges)
      _corpus_clean_files "$cur"
      return 0
      ;;
    --order)
      mapfile -t COMPREPLY < <(compgen -W "id input" -- "$cur")
      return 0
      ;;
    --near-threshold | --near-bands | --bands)
      return 0
      ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi
  _corpus_clean_files "$cur"
}

# Files and directories, as the inputs and the FILE arguments are.
_corpus_clean_files() {
  if declare -F _filedir >/dev/null; then
    _filedir
  else
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$1")
  fi
}

complete -F _corpus_clean corpus-clean
