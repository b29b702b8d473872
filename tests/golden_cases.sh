#!/usr/bin/env bash
# The golden cases, one model path per line, sorted:
#   tests/golden/FOLDER/NAME.dairy
# A case is a .dairy file in a folder under tests/golden/ (see
# tests/golden/README.md); the files under a folder's data/ are the cases'
# companions (used models, CSV tables), not cases, and hidden files are
# scratch (fmt_props.sh writes .fmt-*.dairy beside the models).  Every
# script that walks the golden inputs (golden.sh, valgrind.sh, fmt_props.sh,
# crosscheck.sh, sql/agree.sh, json_schema.sh, fuzz/run.sh) takes them from
# here.
# Paths are relative to the repository root.
set -eu
cd "$(dirname "$0")/.."
find tests/golden -mindepth 2 -name '*.dairy' ! -name '.*' -not -path '*/data/*' -type f | LC_ALL=C sort
