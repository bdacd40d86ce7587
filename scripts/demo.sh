#!/usr/bin/env bash
# The README's first command ends here: a few telling allocations explained by the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
run() {
  echo "\$ kalloc-lens explain $*"
  node out/server/src/cli/main.js explain "$@"
  echo
}
run --api 'KVec::with_capacity' --count 100 --element-size 24 --element-align 8
run --api 'KBox::new' --size 1518
run --api 'KVec::with_capacity' --count 8192 --element-size 8 --element-align 8
run --api 'KVec::with_capacity' --size 8M
run --api 'KVVec::with_capacity' --size 8M
run --api 'VBox::new' --size 3*4096+1
run --api 'Box::new' --size 1518 --profile arm64-64k --kernel 6.12
