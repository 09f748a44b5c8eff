# Sourced by scripts/demo and scripts/test: installs what is missing and builds a preset.
# Works on a fresh Debian 12 with only g++, cmake and git; uses sudo when not root.

# Debian packages the build and the test suite need (see README: Dependencies).
CORPUS_CLEAN_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libgumbo-dev libyaml-cpp-dev libicu-dev libre2-dev libxxhash-dev libzstd-dev zlib1g-dev
  libdeflate-dev libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  jq python3 python3-jsonschema zstd gzip
  man-db groff-base dpkg-dev file zsh
  parallel xxhash make wget
  python3-dev pybind11-dev python3-pytest python3-mypy
  slurm-wlm munge
)
# Some of these feel like base tools but are not in a minimal Debian (debootstrap
# --variant=minbase): file, which CPack's DEB generator runs on every packaged file
# (tests/install), and make, which cmake only recommends and the README's Makefile example
# needs (tests/cli/makefile.sh). wget writes the crawler's WARC that tests/cli/wget.sh reads
# back. scripts/fresh-debian-check shows that nothing else is missing.
# python3-dev and pybind11-dev build the Python module, python3-pytest and python3-mypy test it
# and its type stubs (tests/python); slurm-wlm and munge give tests/slurm a cluster of one node
# (the test starts and stops daemons of its own, with their own key, socket and ports, beside
# any that the system runs).

log() {  # bold on a terminal, plain in logs and with NO_COLOR set
  if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
    printf '\033[1m==> %s\033[0m\n' "$*" >&2
  else
    printf '==> %s\n' "$*" >&2
  fi
}

install_missing_packages() {
  local missing=()
  local pkg
  for pkg in "${CORPUS_CLEAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  log "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq </dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

build_preset() {  # build_preset NAME
  local preset=$1
  log "configuring and building the '$preset' preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
}
