#!/usr/bin/env bash
# Loads the UCI Bank Marketing dataset (bank-full.csv) as a historical term-deposit campaign, with one
# `banca ingest` per entity: the product, the campaigns, the clients, their contact events, the previous
# campaign's outcomes, and the subscriptions (y = yes) as sales. See README.md beside this script.
#
# Run from any folder after `npm run build:server`. The target database is the one every banca command
# uses: DATABASE_URL, else the embedded database in BANCA_DATA_DIR (default .banca/data in the repository;
# stop the api first, as the embedded database has one user at a time). Re-running it changes nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# A relative BANCA_DATA_DIR names a folder of the caller's, whereas the commands below run from the repository.
if [[ -n "${BANCA_DATA_DIR:-}" && "$BANCA_DATA_DIR" != /* ]]; then
  export BANCA_DATA_DIR="$PWD/$BANCA_DATA_DIR"
fi
cd "$repo"

# The dataset sits beside the repository (shared/ next to main/), as CI clones it.
data="../shared/datasets/uci-bank-marketing/bank-full.csv"
if [[ ! -f "$data" ]]; then
  echo "load.sh: $repo/$data not found (the shared/ folder belongs beside the repository)" >&2
  exit 1
fi
# BANCA_CLI: another build of the same command (the example's test runs this script on its own build).
cli="${BANCA_CLI:-dist/apps/cli/src/main.js}"
if [[ ! -f "$cli" ]]; then
  echo "load.sh: $cli not found; build first: npm run build:server" >&2
  exit 1
fi
banca() {
  echo "+ banca $*" >&2
  node "$cli" "$@"
}

ex=examples/uci-bank-marketing
banca ingest products "$ex/products.csv"
banca ingest campaigns "$ex/campaigns.csv"
banca ingest customers "$data" --mapping "$ex/customers.mapping.json"
banca ingest campaign_events "$data" --mapping "$ex/contacts.mapping.json"
banca ingest campaign_events "$data" --mapping "$ex/previous-outcomes.mapping.json"
banca ingest sales "$data" --mapping "$ex/sales.mapping.json"
