#!/bin/bash
# One-shot run by the `temporal-admin-tools` service after `temporal` is healthy: registers the custom search
# attributes our workflows set, so a workflow start never fails with "search attribute ... is not defined".
# Idempotent: an attribute that exists with the right type is left alone; one with another type fails the run,
# because changing a type would orphan the values already written.
#
# Keep the list in step with the search attributes the workflows set (and with the dev bootstrap's list).
set -euo pipefail

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS must be set}"
: "${TEMPORAL_NAMESPACE:=default}"
: "${READY_TIMEOUT_SECONDS:=120}"
export TEMPORAL_ADDRESS TEMPORAL_NAMESPACE

SEARCH_ATTRIBUTES=(
  BusinessDate:Keyword
  FileSha256:Keyword
  Uti:Keyword
  ReportKind:Keyword
  ModelVersion:Keyword
)

log() { echo "[register-search-attributes] $*" >&2; }

# auto-setup registers the namespace in the background after the server reports SERVING, so wait for it.
waited=0
until temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; do
  if ((waited >= READY_TIMEOUT_SECONDS)); then
    log "namespace '$TEMPORAL_NAMESPACE' not found at $TEMPORAL_ADDRESS after ${READY_TIMEOUT_SECONDS}s"
    exit 1
  fi
  sleep 2
  waited=$((waited + 2))
done

type_of() {
  temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" | awk -v name="$1" '$1 == name { print $2 }'
}

created=0
for entry in "${SEARCH_ATTRIBUTES[@]}"; do
  name="${entry%%:*}"
  type="${entry#*:}"
  current="$(type_of "$name")"
  if [[ -z "$current" ]]; then
    log "creating $name ($type)"
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
    created=1
  elif [[ "$current" != "$type" ]]; then
    log "$name exists with type $current, expected $type: fix it by hand (see docs/docker-compose.md)"
    exit 1
  else
    log "$name ($type) already registered"
  fi
done

if ((created)); then
  # Frontends validate search attributes against a namespace cache that refreshes every 10 s; a worker started
  # the moment this exits could otherwise be rejected once.
  sleep 12
fi
log "done"
