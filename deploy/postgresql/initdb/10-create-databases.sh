#!/bin/sh
# Mounted into /docker-entrypoint-initdb.d of the `postgresql` service. The postgres image runs it once, on the
# first start of an empty data volume; to run it again, remove the volume (`docker compose down -v`).
#
# One login role per owner, so Temporal and the app cannot read or change each other's data:
#   temporal        owns `temporal` and `temporal_visibility` (Temporal's persistence and SQL visibility stores)
#   swap_reporting  owns `swap_reporting` (the app's tables, created by the `migrate` service)
# Passwords come from the container's environment (docker-compose.yaml passes them in from .env), never from
# this file. The image sources this script (it need not be executable), so it uses no `exit` and no `set -u`.
set -e

: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${SWAP_REPORTING_DB_PASSWORD:?SWAP_REPORTING_DB_PASSWORD must be set}"

# psql variables (-v) keep the passwords out of the SQL text and quote them (:'name'); the heredoc is quoted so
# the shell leaves them alone.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v app_password="$SWAP_REPORTING_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE ROLE swap_reporting LOGIN PASSWORD :'app_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE DATABASE swap_reporting OWNER swap_reporting;
SQL
