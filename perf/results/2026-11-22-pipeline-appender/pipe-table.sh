#!/usr/bin/env bash
# pipe-table.sh FILE: one line per run: jar round rate producer engine consumer process
grep -E "==|journaled|CPU in" "$1" | paste - - - | sed -E 's/== ([^ ]+) round ([0-9]+).*published ([0-9,]+) commands.*producer ([0-9.]+), engine ([0-9.]+), consumer ([0-9.]+), whole process ([0-9.]+).*/\1 \2 \3 \4 \5 \6 \7/'
