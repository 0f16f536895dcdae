#!/usr/bin/env bash
# Runs every check from a clean clone: install, infrastructure, build (with the web app), types, the web app's
# generated API types, lint, unit specs, then the end-to-end suites against the real API, worker, Temporal,
# PostgreSQL, Redis and SMTP, the browser tests under test/web/ among them (Debian's Chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_dependencies
ensure_chromium
bash "$ROOT/scripts/infra.sh" up
npm run --silent build
npm run --silent build:web
npm run --silent typecheck
npm run --silent web:api-types -- --check
npm run --silent lint

RESULTS="$ROOT/.data/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
status=0
npm run --silent test:unit -- --json --outputFile="$RESULTS/unit.json" || status=1
npm run --silent test:e2e -- --json --outputFile="$RESULTS/e2e.json" || status=1
# Its own PostgreSQL, Redis and Temporal server, killed and restarted under load (CHAOS_REQUESTS=200 for the full run).
npm run --silent test:chaos -- --json --outputFile="$RESULTS/chaos.json" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed++; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$RESULTS/unit.json" "$RESULTS/e2e.json" "$RESULTS/chaos.json"
exit "$status"
