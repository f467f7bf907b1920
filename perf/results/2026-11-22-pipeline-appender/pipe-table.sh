#!/usr/bin/env bash
# usage: pipe-table.sh FILE   FILE: pipe-ab.sh's output. Prints one line per run: jar round rate producer engine
# consumer process.
set -euo pipefail
[[ $# -eq 1 && -f $1 ]] || { echo "usage: pipe-table.sh FILE (pipe-ab.sh's output)" >&2; exit 2; }
grep -E "==|journaled|CPU in" "$1" | paste - - - | sed -E 's/== ([^ ]+) round ([0-9]+).*published ([0-9,]+) commands.*producer ([0-9.]+), engine ([0-9.]+), consumer ([0-9.]+), whole process ([0-9.]+).*/\1 \2 \3 \4 \5 \6 \7/'
