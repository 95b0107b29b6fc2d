#!/usr/bin/env bash
# Set up Xinzhi and run its main job on the built-in demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/xinzhi run "$@"
