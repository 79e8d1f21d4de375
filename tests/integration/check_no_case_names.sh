#!/bin/bash
# The engine is generic (/work/shared/MODEL.md, docs/scenarios.md): no actor id or place name of the
# seed case may appear anywhere under src/, comments and help strings included. Fails, listing
# FILE:LINE:TEXT, when one does.
#
#   check_no_case_names.sh SOURCE_DIR
#
# The ids are matched as whole words and case-sensitively (PAK, AFG, TTP: "pakistan" in a word
# list or "ttp" inside "http" are not hits); the names case-insensitively, anywhere.
set -u
src="${1:?usage: check_no_case_names.sh SOURCE_DIR}/src"
if [ ! -d "$src" ]; then
  echo "check_no_case_names: no directory $src" >&2
  exit 2
fi
hits=$( { grep -rnwI -e PAK -e AFG -e TTP "$src"
          grep -rniI -e pakistan -e afghanistan -e torkham -e taliban "$src"; } | sort -u)
if [ -n "$hits" ]; then
  echo "Names of the seed case found in $src (the engine must stay generic):"
  echo "$hits"
  exit 1
fi
echo "No names of the seed case in $src."
