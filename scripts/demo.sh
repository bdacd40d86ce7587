#!/usr/bin/env bash
# The README's first command ends here: analyze the bundled example driver, then explain a few
# telling sizes. The example triggers an error-level diagnostic on purpose, so --fail-on never.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=(node out/server/src/cli/main.js)
echo '$ kalloc-lens analyze examples --format table'
"${cli[@]}" analyze examples --format table --fail-on never
echo
echo '$ kalloc-lens explain --api KVec::with_capacity --count 100 --element-size 24 --element-align 8'
"${cli[@]}" explain --api 'KVec::with_capacity' --count 100 --element-size 24 --element-align 8
echo
echo '$ kalloc-lens explain --api KVVec::with_capacity --size 8M --profile arm64-64k'
"${cli[@]}" explain --api 'KVVec::with_capacity' --size 8M --profile arm64-64k
