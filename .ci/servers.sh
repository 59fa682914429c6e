# Sourced by .ci/run: throwaway Postgres and Redis servers for `pnpm test:servers`, from Debian's
# packages (installed when missing), on 127.0.0.1 at ports chosen now, with their data in a
# temporary folder that goes when the run ends. Postgres refuses to run as root, so as root its
# commands run as the `postgres` user the Debian package creates.

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })"
}

as_postgres() {
  # From /, which the postgres user can enter (the checkout may be private to root).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

SERVERS_DIR=""
PG_BIN=""
REDIS_PORT=""

stop_servers() {
  if [ -n "$REDIS_PORT" ]; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_BIN" ] && [ -d "$SERVERS_DIR/pg" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$SERVERS_DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$SERVERS_DIR" ]; then rm -rf "$SERVERS_DIR"; fi
}

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
  local port
  port="$(free_port)"
  mkdir -p "$SERVERS_DIR/pg" "$SERVERS_DIR/pg-socket"
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$SERVERS_DIR/pg" "$SERVERS_DIR/pg-socket"; fi
  as_postgres "$PG_BIN/initdb" -D "$SERVERS_DIR/pg" -U relay --auth=trust -E UTF8 >/dev/null
  # The server's log is printed when it does not start: the folder goes with the run.
  as_postgres "$PG_BIN/pg_ctl" -D "$SERVERS_DIR/pg" -l "$SERVERS_DIR/pg-socket/log" -w \
    -o "-p $port -k $SERVERS_DIR/pg-socket -c listen_addresses=127.0.0.1" start >/dev/null ||
    { cat "$SERVERS_DIR/pg-socket/log" >&2; return 1; }
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U relay relay_test
  export RELAY_TEST_POSTGRES_URL="postgres://relay@127.0.0.1:$port/relay_test"
  echo "servers: Postgres $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq redis-server >/dev/null
  fi
  REDIS_PORT="$(free_port)"
  mkdir -p "$SERVERS_DIR/redis"
  # No persistence: the suites' keys are throwaway. The log is printed when it does not start.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$SERVERS_DIR/redis" --save '' \
    --appendonly no --daemonize yes --logfile "$SERVERS_DIR/redis/log" ||
    { cat "$SERVERS_DIR/redis/log" >&2; return 1; }
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null || { cat "$SERVERS_DIR/redis/log" >&2; return 1; }
  export RELAY_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  # The suite that stops Redis mid-load starts a server of its own with this binary.
  RELAY_TEST_REDIS_SERVER="$(command -v redis-server)"
  export RELAY_TEST_REDIS_SERVER
  echo "servers: Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$REDIS_PORT"
}

# podman for the container suite (deploy/container). This kind of machine runs containers with two
# settings that a usual host does not need: no default ulimits (setting them is not permitted here)
# and runc (crun refuses its hybrid cgroups). They go in a containers.conf of the run's own.
start_container_tools() {
  if ! command -v podman >/dev/null 2>&1 || ! command -v runc >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq podman runc >/dev/null
  fi
  printf '[containers]\ndefault_ulimits = []\n[engine]\nruntime = "runc"\n' >"$SERVERS_DIR/containers.conf"
  export CONTAINERS_CONF="$SERVERS_DIR/containers.conf"
  export RELAY_TEST_PODMAN
  RELAY_TEST_PODMAN="$(command -v podman)"
  echo "servers: $(podman --version) with runc"
}

# nginx for the check of deploy/nginx's site file (`nginx -t`; nothing is started).
start_nginx_tools() {
  if ! command -v nginx >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq nginx >/dev/null
  fi
  RELAY_TEST_NGINX="$(command -v nginx)"
  export RELAY_TEST_NGINX
  echo "servers: $(nginx -v 2>&1 | sed 's/.*: //') for nginx -t"
}

start_servers() {
  SERVERS_DIR="$(mktemp -d)"
  chmod 755 "$SERVERS_DIR"
  trap stop_servers EXIT
  start_postgres
  start_redis
  start_container_tools
  start_nginx_tools
}
