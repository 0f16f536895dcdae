#!/usr/bin/env bash
# Local infrastructure for development and CI: Temporal dev server, PostgreSQL, Redis.
#
#   scripts/infra.sh [up]          ensure everything is installed and running (idempotent)
#   scripts/infra.sh down          stop the Temporal dev server this script started (only that)
#   scripts/infra.sh status        one line per service; exit 1 when something is down
#   scripts/infra.sh temporal-bin  print the absolute path of the temporal CLI (builds it if needed)
#
# Environment: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_BIN="$ROOT/.tools/bin"
TEMPORAL_DATA="$ROOT/.data/temporal"
TEMPORAL_PID_FILE="$TEMPORAL_DATA/server.pid"
TEMPORAL_LOG="$TEMPORAL_DATA/server.log"
TEMPORAL_HOST=127.0.0.1
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
TEMPORAL_ADDRESS="$TEMPORAL_HOST:$TEMPORAL_PORT"
# First version is the one we want; older ones are fallbacks if its build breaks.
TEMPORAL_CLI_VERSIONS=(v1.5.1 v1.4.1 v1.3.0)
TEMPORAL_READY_TIMEOUT=60

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_HOST=127.0.0.1
REDIS_PORT=6379

TEMPORAL_BIN=""
APT_UPDATED=0

# Progress goes to stderr so `temporal-bin` keeps stdout clean; results go to stdout.
log() { printf 'infra: %s\n' "$*" >&2; }
result() { printf '%-13s %s\n' "$1:" "$2"; }
die() {
  printf 'infra: ERROR: %s\n' "$*" >&2
  exit 1
}
is_root() { [[ "$(id -u)" -eq 0 ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

# True when something accepts TCP connections on host:port (no extra tools needed).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

apt_install() {
  is_root || return 1
  have apt-get || return 1
  if [[ "$APT_UPDATED" -eq 0 ]]; then
    log "apt-get update"
    apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  # Package scripts may start daemons: don't let them inherit our lock fds.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 8>&- 9>&-
}

# ---------------------------------------------------------------------------
# Temporal CLI
# ---------------------------------------------------------------------------

# Sets TEMPORAL_BIN to an existing binary without building; returns 1 if none.
find_temporal_cli() {
  if have temporal; then
    TEMPORAL_BIN="$(command -v temporal)"
  elif [[ -x "$TOOLS_BIN/temporal" ]]; then
    TEMPORAL_BIN="$TOOLS_BIN/temporal"
  else
    return 1
  fi
}

# Sets TEMPORAL_BIN, building the CLI from source with `go install` when absent
# (no prebuilt downloads are possible here, but the Go module proxy is).
ensure_temporal_cli() {
  find_temporal_cli && return 0

  if ! have go && [[ -x /usr/local/go/bin/go ]]; then
    PATH="/usr/local/go/bin:$PATH"
  fi
  have go || die "temporal CLI not found and Go is not installed to build it.
  Fix: install Go >= 1.25 (https://go.dev/dl/) and put it on PATH, or install the
  temporal CLI yourself and put it on PATH, then re-run scripts/infra.sh."

  mkdir -p "$TOOLS_BIN"
  # Serialise builds: two concurrent `up`s would otherwise both compile for minutes.
  exec 9>"$ROOT/.tools/temporal-build.lock"
  if ! flock -n 9; then
    log "another temporal CLI build is running; waiting for it"
    flock 9
  fi
  if [[ -x "$TOOLS_BIN/temporal" ]]; then
    TEMPORAL_BIN="$TOOLS_BIN/temporal"
    exec 9>&-
    return 0
  fi

  local version build_log
  for version in "${TEMPORAL_CLI_VERSIONS[@]}"; do
    build_log="$ROOT/.tools/temporal-build-$version.log"
    log "building temporal CLI $version with go install (several minutes on a cold cache; log: $build_log)"
    if GOBIN="$TOOLS_BIN" go install "github.com/temporalio/cli/cmd/temporal@$version" >"$build_log" 2>&1; then
      TEMPORAL_BIN="$TOOLS_BIN/temporal"
      log "built temporal CLI $version"
      exec 9>&-
      return 0
    fi
    log "building temporal CLI $version failed; last lines of $build_log:"
    tail -n 5 "$build_log" >&2 || true
  done
  exec 9>&-
  die "could not build the temporal CLI (tried ${TEMPORAL_CLI_VERSIONS[*]}); see $ROOT/.tools/temporal-build-*.log.
  Fix: check that the Go module proxy is reachable (go env GOPROXY), or install the
  temporal CLI yourself and put it on PATH."
}

# ---------------------------------------------------------------------------
# Temporal dev server
# ---------------------------------------------------------------------------

temporal_healthy() {
  [[ -n "$TEMPORAL_BIN" ]] || return 1
  timeout 5 "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null |
    grep -q SERVING
}

# Prints the pid from the pid file if that process is still our dev server
# (guards against a stale file whose pid has been reused).
temporal_owned_pid() {
  local pid
  [[ -f "$TEMPORAL_PID_FILE" ]] || return 1
  pid="$(cat "$TEMPORAL_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'server start-dev' || return 1
  echo "$pid"
}

ensure_temporal_server() {
  local pid waited=0 ui="http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT"

  if port_open "$TEMPORAL_HOST" "$TEMPORAL_PORT"; then
    if temporal_healthy; then
      if pid="$(temporal_owned_pid)"; then
        result temporal "already running at $TEMPORAL_ADDRESS (pid $pid), Web UI $ui"
      else
        result temporal "already running at $TEMPORAL_ADDRESS (not started by this script; 'down' leaves it alone)"
      fi
      return 0
    fi
    die "port $TEMPORAL_PORT answers but is not a healthy Temporal server.
  Fix: free the port (ss -ltnp 'sport = :$TEMPORAL_PORT') or set TEMPORAL_PORT to another port."
  fi

  mkdir -p "$TEMPORAL_DATA"
  rm -f "$TEMPORAL_PID_FILE"
  log "starting Temporal dev server (state: $TEMPORAL_DATA/temporal.db, log: $TEMPORAL_LOG)"
  # setsid: own session, so the server outlives this shell and its process group.
  # The inner bash writes its own pid and then execs, so the pid file holds the
  # server's pid even when setsid has to fork.
  # shellcheck disable=SC2016 # $$ and $@ are for the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$TEMPORAL_PID_FILE" \
    "$TEMPORAL_BIN" server start-dev \
    --ip "$TEMPORAL_HOST" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$TEMPORAL_DATA/temporal.db" --log-level warn \
    </dev/null >>"$TEMPORAL_LOG" 2>&1 8>&- 9>&- &

  # Poll until the frontend reports SERVING; the port opens before it is usable.
  until temporal_healthy; do
    if ((waited >= TEMPORAL_READY_TIMEOUT)); then
      tail -n 20 "$TEMPORAL_LOG" >&2 || true
      die "Temporal dev server not healthy after ${TEMPORAL_READY_TIMEOUT}s; see $TEMPORAL_LOG"
    fi
    if ((waited >= 2)) && ! temporal_owned_pid >/dev/null; then
      tail -n 20 "$TEMPORAL_LOG" >&2 || true
      die "Temporal dev server exited during startup; see $TEMPORAL_LOG"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  pid="$(temporal_owned_pid || echo '?')"
  result temporal "started at $TEMPORAL_ADDRESS (pid $pid, ready in ~${waited}s), Web UI $ui"
}

stop_temporal_server() {
  local pid i
  if ! pid="$(temporal_owned_pid)"; then
    rm -f "$TEMPORAL_PID_FILE"
    if port_open "$TEMPORAL_HOST" "$TEMPORAL_PORT"; then
      result temporal "not started by this script; left running at $TEMPORAL_ADDRESS"
    else
      result temporal "not running"
    fi
    return 0
  fi
  kill -TERM "$pid"
  # Give it time to flush SQLite before resorting to SIGKILL.
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "dev server did not exit after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$TEMPORAL_PID_FILE"
  result temporal "stopped (pid $pid); PostgreSQL and Redis left running"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

pg_ready() {
  have pg_isready && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
}

# Newest installed major version (e.g. 15), from the Debian layout /etc/postgresql/<ver>/<cluster>.
pg_version() {
  find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
}

# The app connects as postgres over TCP without a password; Debian's default is scram.
ensure_pg_trust() {
  local hba
  have psql || return 0
  if psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  hba="/etc/postgresql/$(pg_version)/main/pg_hba.conf"
  if ! is_root || [[ ! -w "$hba" ]]; then
    die "PostgreSQL is up but user postgres cannot log in without a password on $PG_HOST:$PG_PORT.
  Fix (as root): add 'host all postgres 127.0.0.1/32 trust' above the other host lines
  in $hba, then: pg_ctlcluster $(pg_version) main reload"
  fi
  log "adding 127.0.0.1 trust for user postgres to $hba"
  # Insert before the first rule: pg_hba.conf is first-match-wins.
  sed -i '0,/^[[:space:]]*\(local\|host\)/s//host all postgres 127.0.0.1\/32 trust\n&/' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main reload
  sleep 1
  psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1 ||
    die "still cannot log in as postgres on $PG_HOST:$PG_PORT after editing $hba; check it by hand"
}

ensure_postgres() {
  local ver i installed=""
  if pg_ready; then
    ensure_pg_trust
    result postgres "already running at $PG_HOST:$PG_PORT"
    return 0
  fi

  if ! have pg_ctlcluster || [[ -z "$(pg_version)" ]]; then
    apt_install postgresql || die "PostgreSQL is not installed and could not be installed.
  Fix (as root): apt-get update && apt-get install -y postgresql"
    installed=" (installed)"
  fi
  is_root || die "PostgreSQL is installed but not running, and starting it needs root.
  Fix: sudo pg_ctlcluster --skip-systemctl-redirect $(pg_version) main start"

  ver="$(pg_version)"
  [[ -d "/etc/postgresql/$ver/main" ]] || die "no 'main' cluster under /etc/postgresql/$ver.
  Fix: pg_createcluster $ver main"
  # The package's install may have started it already (where init scripts run).
  if ! pg_ready; then
    # 8>&-: the postmaster would otherwise hold the infra lock for as long as it runs.
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start 8>&- 9>&-
  fi
  for ((i = 0; i < 30; i++)); do
    pg_ready && break
    sleep 1
  done
  pg_ready || die "PostgreSQL $ver did not become ready on $PG_HOST:$PG_PORT; see /var/log/postgresql/postgresql-$ver-main.log"
  ensure_pg_trust
  result postgres "started PostgreSQL $ver$installed at $PG_HOST:$PG_PORT"
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------

redis_ready() {
  have redis-cli && [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

ensure_redis() {
  local dir=/var/lib/redis logdir=/var/log/redis i installed=""
  if redis_ready; then
    result redis "already running at $REDIS_HOST:$REDIS_PORT"
    return 0
  fi

  if ! have redis-server || ! have redis-cli; then
    apt_install redis-server || die "Redis is not installed and could not be installed.
  Fix (as root): apt-get update && apt-get install -y redis-server"
    installed=" (installed)"
    # Where the package's init script runs, it starts its own instance.
    if redis_ready; then
      result redis "running at $REDIS_HOST:$REDIS_PORT$installed"
      return 0
    fi
  fi
  if ! is_root; then
    # Without root /var/lib/redis is not ours; keep a throwaway one in the repo.
    dir="$ROOT/.data/redis"
    logdir="$ROOT/.data/redis"
  fi
  mkdir -p "$dir" "$logdir"
  # No persistence: Redis only holds caches/queues that the app can rebuild.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
    --save "" --appendonly no --dir "$dir" --logfile "$logdir/ci.log" >&2 8>&- 9>&- ||
    die "redis-server failed to start; see $logdir/ci.log"
  for ((i = 0; i < 20; i++)); do
    redis_ready && break
    sleep 0.5
  done
  redis_ready || die "Redis did not answer PING on $REDIS_HOST:$REDIS_PORT; see $logdir/ci.log"
  result redis "started at $REDIS_HOST:$REDIS_PORT$installed"
}

# ---------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------

# One `up`/`down` at a time: two concurrent ups would both launch a dev server and
# the loser would overwrite the pid file. Every daemon we start gets `8>&- 9>&-`,
# otherwise it would inherit the lock and hold it for as long as it runs.
take_lock() {
  mkdir -p "$ROOT/.data"
  exec 8>"$ROOT/.data/infra.lock"
  if ! flock -n 8; then
    log "another scripts/infra.sh is running; waiting for it (at most 15 min: a cold CLI build takes ~8)"
    flock -w 900 8 || die "still locked after 15 min: $ROOT/.data/infra.lock.
  Fix: find the holder with 'fuser -v $ROOT/.data/infra.lock'; if it is not a running infra.sh, delete the file."
  fi
}

cmd_up() {
  take_lock
  ensure_temporal_cli
  result temporal-cli "$TEMPORAL_BIN"
  ensure_postgres
  ensure_redis
  ensure_temporal_server
}

cmd_status() {
  local down=0 pid
  if find_temporal_cli && temporal_healthy; then
    if pid="$(temporal_owned_pid)"; then
      result temporal "up at $TEMPORAL_ADDRESS (pid $pid), Web UI http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT"
    else
      result temporal "up at $TEMPORAL_ADDRESS (not started by this script)"
    fi
  elif port_open "$TEMPORAL_HOST" "$TEMPORAL_PORT"; then
    result temporal "port $TEMPORAL_PORT open but health unknown (temporal CLI missing or not SERVING)"
    down=1
  else
    result temporal "down"
    down=1
  fi
  if pg_ready; then
    result postgres "up at $PG_HOST:$PG_PORT"
  else
    result postgres "down"
    down=1
  fi
  if redis_ready; then
    result redis "up at $REDIS_HOST:$REDIS_PORT"
  else
    result redis "down"
    down=1
  fi
  return "$down"
}

main() {
  case "${1:-up}" in
    up) cmd_up ;;
    down)
      take_lock
      stop_temporal_server
      ;;
    status) cmd_status ;;
    temporal-bin)
      ensure_temporal_cli
      printf '%s\n' "$TEMPORAL_BIN"
      ;;
    -h | --help | help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown subcommand '$1' (expected: up, down, status, temporal-bin)" ;;
  esac
}

main "$@"
