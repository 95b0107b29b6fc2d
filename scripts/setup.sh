#!/usr/bin/env bash
# Install what Xinzhi needs on a fresh Debian machine (run as root) into ./.venv.
#   scripts/setup.sh          the application
#   scripts/setup.sh --dev    plus everything the test suite needs (PostgreSQL, Chromium, CJK fonts, Java)
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[[ "${1:-}" == "--dev" ]] && dev=1

missing=()
if [[ $dev == 1 ]]; then
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
fi
if (( ${#missing[@]} )); then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip uv
extras="."
[[ $dev == 1 ]] && extras=".[dev]"
# Bytecode is compiled at install time: where PYTHONDONTWRITEBYTECODE is set (as on the development machines), Python
# would otherwise compile every imported module again at each start (most of a CLI command's
# start-up time; see docs/benchmarks.md, "CLI start-up").
.venv/bin/uv pip install -q --compile-bytecode --python .venv/bin/python -e "$extras"
.venv/bin/python -m compileall -q src
