#!/usr/bin/env bash
# The benchmark suite: builds the service, loads the demo data at each scale into a database of its own, starts
# the service on it, drives the scenarios from a separate process (bench/Bench.java, JDK only) and writes a
# Markdown report to bench/results/. Usage: bench/run.sh [scale ...]   (default: 1 10)
#
# PostgreSQL: the server on 127.0.0.1:5432 (user postgres) when one answers, else the embedded one the service
# starts by itself (then without the pgbench comparison, which needs the PostgreSQL programs).
#
# On the server, the phone read's village is first made busy (bench/busy-village.sql), and the same page is also
# served by a peer, PostGraphile 4 (bench/postgraphile/), when node and npm are installed: optional, the report says
# why when it is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 10)
# BENCH_PORT, BENCH_PEER_PORT and BENCH_DATABASE (the databases' prefix) keep two runs on one machine apart
port=${BENCH_PORT:-18080}
peer_port=${BENCH_PEER_PORT:-$((port + 1))}
stamp=$(date -u +%Y-%m-%dT%H%M)
report="bench/results/$stamp.md"
mkdir -p bench/results target/bench

server=false
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && command -v psql >/dev/null; then
	server=true
fi

echo "Building the service jar (with Spring AOT's code: -Paot)..."
# clean: code AOT generated for other settings must not linger in target/classes
./mvnw -q -DskipTests -Paot clean package
mkdir -p target/bench
jar=$(ls target/bangfu-*.jar | grep -v plain | head -1)
# The service starts the fastest way that is correct for the run: the jar extracted (Spring Boot's tools mode),
# with a class-data sharing archive of the classes a start loads, written by a training run
# (-XX:ArchiveClassesAtExit, and spring.context.exit=onRefresh so that it stops once the context is up), and on
# the local server also on the code Spring AOT generated at build time (-Dspring.aot.enabled=true); the embedded
# PostgreSQL is not what the AOT code was built for (operations.AheadOfTimeSettings), so that run goes without
# it. The plain `java -jar` start is measured too, for comparison.
rm -rf target/bench/app
java -Djarmode=tools -jar "$jar" extract --destination target/bench/app >/dev/null
app="target/bench/app/$(basename "$jar")"
archive=target/bench/app/bangfu.jsa
aot=()
how="the jar extracted with its class-data sharing archive"
if $server; then
	aot=(-Dspring.aot.enabled=true)
	how="$how and Spring AOT's code (-Dspring.aot.enabled=true)"
fi

# the peer: why it is skipped, or nothing when it runs
peer_skipped=""
if ! $server; then
	peer_skipped="it needs the local PostgreSQL server and psql to set up its login and view, and this run has the embedded one"
elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	peer_skipped="node and npm are not installed"
else
	echo "Installing the peer, PostGraphile 4 (bench/postgraphile)..."
	# npm ci makes node_modules anew from the lock: only when the lock is newer than the last install
	if [ ! bench/postgraphile/node_modules/.package-lock.json -nt bench/postgraphile/package-lock.json ] &&
		! (cd bench/postgraphile && npm ci --no-audit --no-fund) >target/bench/peer-install.log 2>&1; then
		peer_skipped="npm could not install PostGraphile (target/bench/peer-install.log)"
	fi
fi
peer_version=""
if [ -z "$peer_skipped" ]; then
	peer_version=$(node -p "require('./bench/postgraphile/node_modules/postgraphile/package.json').version")
fi

service_args() { # scale database -> sets args
	local scale=$1 database=$2
	args=(--spring.profiles.active=demo --bangfu.demo.scale="$scale" --server.port="$port")
	if $server; then
		args+=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$database" --spring.datasource.username=postgres)
	else
		args+=(--bangfu.embedded-postgres.data-directory="target/bench/postgres-$scale")
	fi
}

start_service() { # scale database log [args] -> sets pid and ready (seconds); BENCH_LAUNCH=jar for plain java -jar
	local scale=$1 database=$2 log=$3
	shift 3
	service_args "$scale" "$database"
	# an address given here replaces the server's (a second one would be joined to it with a comma)
	if [[ " $* " == *" --spring.datasource.url="* ]]; then
		local kept=() a
		for a in "${args[@]}"; do
			[[ $a == --spring.datasource.url=* ]] || kept+=("$a")
		done
		args=("${kept[@]}")
	fi
	args+=("$@")
	local launch=(-jar "$jar")
	if [ "${BENCH_LAUNCH:-cds}" = cds ] && [ -f "$archive" ]; then
		# no_aot=1: a setting the AOT code was not built for (a read replica), with the archive alone
		local flags=("${aot[@]}")
		[ -z "${no_aot:-}" ] || flags=()
		launch=("${flags[@]}" -XX:SharedArchiveFile="$archive" -Xshare:auto -jar "$app")
	fi
	# BENCH_JAVA_OPTS: e.g. a flight recording of the run (-XX:StartFlightRecording=filename=target/bench/run.jfr)
	# shellcheck disable=SC2086
	java -Xmx"${heap:-512m}" ${BENCH_JAVA_OPTS:-} "${launch[@]}" "${args[@]}" >"$log" 2>&1 &
	pid=$!
	until ready_now; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "The service did not start; see $log" >&2
			tail -30 "$log" >&2
			exit 1
		fi
		sleep 0.2
	done
	# the JVM's own count, from its start to the application's: the JIT and class loading included
	ready=$(sed -n 's/.*Started BangfuApplication in .* (process running for \([0-9.]*\)).*/\1/p' "$log" | tail -1)
}

ready_now() { # plain bash, no curl: is the readiness probe 200?
	{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
	printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
	local status
	status=$(head -1 <&3)
	exec 3>&-
	[[ "$status" == *" 200 "* ]]
}

stop_service() {
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

start_peer() { # database log -> sets peer_pid, or peer_skipped when it does not answer within a minute
	local database=$1 log=$2
	BENCH_PEER_DATABASE="postgres://bench_peer@127.0.0.1:5432/$database" BENCH_PEER_PORT="$peer_port" \
		BENCH_PEER_SETTINGS="$(psql -h 127.0.0.1 -U postgres -d "$database" -qAt -f bench/postgraphile/scope.sql)" \
		NODE_ENV=production node bench/postgraphile/server.js >"$log" 2>&1 &
	peer_pid=$!
	local waited=0
	until peer_ready_now; do
		if ! kill -0 "$peer_pid" 2>/dev/null || [ $waited -ge 300 ]; then
			peer_skipped="PostGraphile did not start (see $log)"
			stop_peer
			return
		fi
		sleep 0.2
		waited=$((waited + 1))
	done
}

peer_ready_now() { # does the peer answer a GraphQL query? (its schema is built by then)
	{ exec 4<>"/dev/tcp/127.0.0.1/$peer_port"; } 2>/dev/null || return 1
	local body='{"query": "{ __typename }"}' status
	printf 'POST /graphql HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
		"${#body}" "$body" >&4
	status=$(head -1 <&4)
	exec 4>&-
	[[ "$status" == *" 200 "* ]]
}

stop_peer() {
	if [ -n "${peer_pid:-}" ]; then
		kill "$peer_pid" 2>/dev/null || true
		wait "$peer_pid" 2>/dev/null || true
		peer_pid=""
	fi
}
# ---------------------------------------------------------------------------------
# Beyond one machine, on PostgreSQL's own machinery: a hot standby made with pg_basebackup serving the leaders'
# figures through the service's replica switch, PgBouncer in transaction mode between the service and the primary,
# and two instances of the service sharing the load (their sessions and rate limits are in PostgreSQL). All on this
# one machine, so what they show is what each piece costs and whether it works, not the capacity it adds.

pg_bin=$(pg_config --bindir 2>/dev/null || true)
beyond_dir=""
standby_port=${BENCH_STANDBY_PORT:-$((port + 3353))}
bouncer_port=${BENCH_BOUNCER_PORT:-$((port + 3352))}

as_postgres() { # PostgreSQL and PgBouncer refuse to run as root: as the postgres user then
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

beyond_workdir() { # a folder the postgres user may write, for the standby and PgBouncer
	if [ -z "$beyond_dir" ]; then
		beyond_dir=$(mktemp -d /tmp/bangfu-bench-beyond.XXXXXX)
		[ "$(id -u)" != 0 ] || chown postgres "$beyond_dir"
	fi
}

start_standby() { # database -> a hot standby of the local server on $standby_port, or standby_skipped
	local database=$1
	standby_skipped=""
	beyond_workdir
	local data="$beyond_dir/standby"
	rm -rf "$data"
	if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
		standby_skipped="pg_ctl was not found (pg_config --bindir)"
		return
	fi
	# pg_basebackup copies the whole server, every database on it: a copy the disk cannot hold would fill it, and
	# the primary on the same disk with it (at 100× the server holds about 52 GB)
	local need free
	need=$(psql -h 127.0.0.1 -U postgres -Atc "select sum(pg_database_size(datname)) from pg_database")
	free=$(df --output=avail -B1 "$beyond_dir" | tail -1)
	if [ $((need + need / 10 + 2 * 1024 * 1024 * 1024)) -gt "$free" ]; then
		standby_skipped="the disk cannot hold the copy: the server's databases take $((need / 1024 / 1024 / 1024)) GB, $((free / 1024 / 1024 / 1024)) GB are free where the copy would go ($beyond_dir), and it needs them and a tenth more and 2 GB"
		return
	fi
	# the whole cluster, as pg_basebackup copies it; -R writes primary_conninfo and standby.signal
	if ! as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$data" -R -X stream -c fast \
		>"target/bench/standby-basebackup.log" 2>&1; then
		standby_skipped="pg_basebackup failed (target/bench/standby-basebackup.log; the server must allow a replication
connection from 127.0.0.1, e.g. \`host replication all 127.0.0.1/32 trust\` in pg_hba.conf)"
		return
	fi
	# Debian keeps the configuration outside the data folder: the standby gets its own, and settings of its own
	[ -f "$data/postgresql.conf" ] || as_postgres touch "$data/postgresql.conf"
	as_postgres bash -c "printf 'host all all 127.0.0.1/32 trust\nlocal all all trust\n' > '$data/pg_hba.conf'; touch '$data/pg_ident.conf'"
	as_postgres bash -c "cat >> '$data/postgresql.auto.conf'" <<-EOF
		port = $standby_port
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$beyond_dir'
		hot_standby = on
		max_connections = $(psql -h 127.0.0.1 -U postgres -Atc 'show max_connections')
		hba_file = '$data/pg_hba.conf'
		ident_file = '$data/pg_ident.conf'
		data_directory = '$data'
	EOF
	if ! as_postgres "$pg_bin/pg_ctl" -D "$data" -l "$beyond_dir/standby.log" -w -t 300 start >/dev/null; then
		standby_skipped="the standby did not start ($beyond_dir/standby.log)"
		return
	fi
	# caught up with everything the primary wrote until now
	local target
	target=$(psql -h 127.0.0.1 -U postgres -Atc "select pg_current_wal_lsn()")
	until [ "$(psql -h 127.0.0.1 -p "$standby_port" -U postgres -d "$database" -Atc \
		"select pg_last_wal_replay_lsn() >= '$target'::pg_lsn" 2>/dev/null)" = t ]; do
		sleep 0.5
	done
	standby_size=$(du -sh "$data" | cut -f1)
}

stop_standby() {
	if [ -n "$beyond_dir" ] && [ -f "$beyond_dir/standby/postmaster.pid" ]; then
		as_postgres "$pg_bin/pg_ctl" -D "$beyond_dir/standby" -m fast -w stop >/dev/null 2>&1 || true
	fi
}

start_bouncer() { # PgBouncer (transaction pooling) on $bouncer_port before the local server, or bouncer_skipped
	bouncer_skipped=""
	if ! command -v pgbouncer >/dev/null; then
		bouncer_skipped="pgbouncer is not installed (Debian: apt-get install pgbouncer)"
		return
	fi
	beyond_workdir
	# The service's own connection settings (the options of its JDBC address) are a startup parameter PgBouncer
	# does not pass on: every server connection gets them from connect_query instead
	as_postgres bash -c "printf '\"postgres\" \"\"\n' > '$beyond_dir/users.txt'"
	as_postgres bash -c "cat > '$beyond_dir/pgbouncer.ini'" <<-EOF
		[databases]
		* = host=127.0.0.1 port=5432 connect_query='set statement_timeout = 30000; set jit = off; set work_mem = ''32MB'''
		[pgbouncer]
		listen_addr = 127.0.0.1
		listen_port = $bouncer_port
		unix_socket_dir =
		auth_type = trust
		auth_file = $beyond_dir/users.txt
		pool_mode = transaction
		max_client_conn = 500
		default_pool_size = 20
		ignore_startup_parameters = extra_float_digits,options
		logfile = $beyond_dir/pgbouncer.log
		pidfile = $beyond_dir/pgbouncer.pid
	EOF
	if ! as_postgres pgbouncer -d "$beyond_dir/pgbouncer.ini" >/dev/null 2>&1; then
		bouncer_skipped="PgBouncer did not start ($beyond_dir/pgbouncer.log)"
		return
	fi
	local waited=0
	until psql -h 127.0.0.1 -p "$bouncer_port" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; do
		sleep 0.2
		waited=$((waited + 1))
		if [ $waited -ge 100 ]; then
			bouncer_skipped="PgBouncer did not answer ($beyond_dir/pgbouncer.log)"
			return
		fi
	done
}

stop_bouncer() {
	if [ -n "$beyond_dir" ] && [ -f "$beyond_dir/pgbouncer.pid" ]; then
		kill "$(cat "$beyond_dir/pgbouncer.pid")" 2>/dev/null || true
		rm -f "$beyond_dir/pgbouncer.pid"
	fi
}

start_two() { # scale database name [args] -> two instances, on port (pid) and port + 2 (pid2)
	local scale=$1 database=$2 name=$3
	shift 3
	local first_port=$port
	port=$((port + 2))
	start_service "$scale" "$database" "target/bench/service-$scale-$name-second.log" "$@"
	pid2=$pid
	port=$first_port
	start_service "$scale" "$database" "target/bench/service-$scale-$name-first.log" "$@"
}

stop_second() {
	if [ -n "${pid2:-}" ]; then
		kill "$pid2" 2>/dev/null || true
		wait "$pid2" 2>/dev/null || true
		pid2=""
	fi
}

beyond_one_machine() { # scale database
	local scale=$1 database=$2
	local bench=(java bench/Bench.java --scale "$scale" "${village_args[@]}" --report "$report" --warmup 20 --level 3)
	echo "Scale $scale: beyond one machine..."
	{
		echo
		echo "## Scale ${scale}×, beyond one machine"
		echo
		echo "Each piece below runs on this same machine, after the scenarios above (so on their writes too), each against"
		echo "a run without it in the same minutes: what it costs and that it works, not the capacity another machine adds."
	} >>"$report"
	# 1. the leaders' figures on a hot standby, against the same on the primary
	start_standby "$database"
	if [ -n "$standby_skipped" ]; then
		printf '\n**Hot standby**: skipped, %s.\n' "$standby_skipped" >>"$report"
	else
		echo "  a hot standby on port $standby_port ($standby_size copied by pg_basebackup)"
		# both without Spring AOT's code, which is not built for a replica
		no_aot=1 start_service "$scale" "$database" "target/bench/service-$scale-primary.log" --bangfu.rate-limit.enabled=false
		"${bench[@]}" --url "http://127.0.0.1:$port" --pid "$pid" --only mixed,figures \
			--title "the figures on the primary, for comparison with the standby"
		stop_service
		no_aot=1 start_service "$scale" "$database" "target/bench/service-$scale-standby.log" --bangfu.rate-limit.enabled=false \
			--bangfu.datasource.replica.url="jdbc:postgresql://127.0.0.1:$standby_port/$database" \
			--bangfu.datasource.replica.username=postgres
		"${bench[@]}" --url "http://127.0.0.1:$port" --pid "$pid" --only mixed,figures \
			--title "the figures on a hot standby (pg_basebackup of the server, $standby_size, streaming replication, port $standby_port, through bangfu.datasource.replica.url; phone reads and writes on the primary)"
		stop_service
		local lag
		lag=$(psql -h 127.0.0.1 -p "$standby_port" -U postgres -d "$database" -Atc \
			"select round(extract(epoch from clock_timestamp() - beat_at) * 1000) from replica_heartbeat")
		printf '\nThe standby replayed the heartbeat %s ms before the end of the run (what `asOf` trails the clock by).\n' \
			"$lag" >>"$report"
	fi
	stop_standby
	# 2. PgBouncer in transaction mode, against the service straight on the server
	start_service "$scale" "$database" "target/bench/service-$scale-direct.log" --bangfu.rate-limit.enabled=false
	"${bench[@]}" --url "http://127.0.0.1:$port" --pid "$pid" --only phone-read-16,log-visit \
		--title "one instance straight to PostgreSQL, for comparison with PgBouncer and two instances"
	stop_service
	start_bouncer
	if [ -n "$bouncer_skipped" ]; then
		printf '\n**PgBouncer**: skipped, %s.\n' "$bouncer_skipped" >>"$report"
	else
		# PgBouncer 1.18 (Debian 12) keeps no server-side prepared statements: prepareThreshold=0. Flyway's session
		# lock and live views' LISTEN need a session that stays theirs: they go straight to the server
		start_service "$scale" "$database" "target/bench/service-$scale-bouncer.log" --bangfu.rate-limit.enabled=false \
			--spring.datasource.url="jdbc:postgresql://127.0.0.1:$bouncer_port/$database?prepareThreshold=0" \
			--spring.flyway.url="jdbc:postgresql://127.0.0.1:5432/$database" --spring.flyway.user=postgres \
			--bangfu.datasource.signals.url="jdbc:postgresql://127.0.0.1:5432/$database" \
			--bangfu.datasource.signals.username=postgres
		"${bench[@]}" --url "http://127.0.0.1:$port" --pid "$pid" --only phone-read-16,log-visit \
			--title "through PgBouncer $(pgbouncer --version | head -1 | cut -d' ' -f2), transaction mode, port $bouncer_port (prepareThreshold=0)"
		stop_service
	fi
	stop_bouncer
	# 3. two instances, the clients spread over both: one key signs the tokens of both (the demo profile makes up
	# a key of its own at each start otherwise), the sessions behind them are in PostgreSQL
	local shared=(--bangfu.security.jwt-secret="$(head -c 32 /dev/urandom | base64)")
	start_two "$scale" "$database" two --bangfu.rate-limit.enabled=false "${shared[@]}"
	"${bench[@]}" --url "http://127.0.0.1:$port,http://127.0.0.1:$((port + 2))" --pid "$pid,$pid2" \
		--only phone-read-16,log-visit \
		--title "two instances on ports $port and $((port + 2)), every other client on each, one session for all (CPU and RSS: both)"
	stop_second
	stop_service
	# and with the rate limit on (never reached): one secretary's bucket, shared by both through PostgreSQL
	local limits=(--bangfu.rate-limit.enabled=true --bangfu.rate-limit.points=1000000000
		--bangfu.rate-limit.points-per-second=1000000000)
	start_two "$scale" "$database" two-limited "${limits[@]}" "${shared[@]}"
	"${bench[@]}" --url "http://127.0.0.1:$port,http://127.0.0.1:$((port + 2))" --pid "$pid,$pid2" \
		--only phone-read-16 \
		--title "two instances, rate limit on (never reached): one secretary's bucket shared through PostgreSQL"
	stop_second
	stop_service
}

cleanup() {
	stop_peer
	stop_second
	stop_service
	stop_standby
	stop_bouncer
	[ -z "$beyond_dir" ] || rm -rf "$beyond_dir"
}
trap cleanup EXIT

{
	echo "# Bangfu benchmark, $stamp"
	echo
	echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)."
	echo "Java: $(java -version 2>&1 | head -1). PostgreSQL: $($server && psql -h 127.0.0.1 -U postgres -Atc 'show server_version' || echo 'embedded 15')."
	echo "Service: \`$jar\`, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), -Xmx512m, demo profile, rate limit off except where said."
	echo "Load: bench/Bench.java (closed loop on the JDK's HttpClient, on the same machine as the service and the database)."
	if [ -z "$peer_skipped" ]; then
		echo "Peer: PostGraphile $peer_version (bench/postgraphile/) on Node $(node --version), on the same machine."
	else
		echo "Peer: skipped, $peer_skipped."
	fi
	echo
} >"$report"

for scale in "${scales[@]}"; do
	database="${BENCH_DATABASE:-bangfu_bench}_$scale"
	# a new database each run: the write scenarios add visits, and a run must not measure the last one's. Except
	# with BENCH_REUSE=1 and a database of the scale already there: a load takes about 25 minutes at 100×, so a
	# database loaded before (by a run with BENCH_KEEP=1, or by starting the service on it with the demo profile
	# and bangfu.demo.scale) is measured as it is; the report says so, and that it must not hold an earlier
	# run's writes
	reused=false
	if $server && [ -n "${BENCH_REUSE:-}" ] &&
		[ "$(psql -h 127.0.0.1 -U postgres -Atc "select count(*) from pg_database where datname = '$database'")" = 1 ]; then
		reused=true
	elif $server; then
		psql -h 127.0.0.1 -U postgres -qc "drop database if exists $database with (force)" -c "create database $database"
	else
		rm -rf "target/bench/postgres-$scale"
	fi
	if $reused; then
		echo "Scale $scale: the database $database is already loaded (BENCH_REUSE)"
		printf '\nScale %s× runs on the database %s as it was loaded before the run (BENCH_REUSE=1), not loaded anew.\n' \
			"$scale" "$database" >>"$report"
	else
		echo "Scale $scale: loading the demo data..."
		# the demo generator keeps every village's, cadre's and project's facts while it writes: 512 MB is not
		# enough at 100× (it ran out during the projects), so the load, which is not what is measured, has more
		heap=${BENCH_LOAD_HEAP:-4g} start_service "$scale" "$database" "target/bench/service-$scale-load.log" --bangfu.rate-limit.enabled=false
		echo "  ready after ${ready}s (including the demo load: $(sed -n 's/.*Loaded the demo data set .* in \([0-9]*\) ms.*/\1 ms/p' "target/bench/service-$scale-load.log"))"
		stop_service
	fi
	village_args=()
	if $server; then
		# the page of a busy village, for the service and the peer alike
		IFS='|' read -r copied monitored village < <(psql -h 127.0.0.1 -U postgres -d "$database" -qAt -f bench/busy-village.sql | tail -1)
		echo "  the demo first secretary's village $village: $monitored monitored households, $copied of them copied in"
		[ -n "$village" ] || { echo "bench/busy-village.sql found no village for the demo first secretary" >&2; exit 1; }
		village_args=(--village "$village")
		if [ -z "$peer_skipped" ]; then
			psql -h 127.0.0.1 -U postgres -d "$database" -q -f bench/postgraphile/setup.sql
		fi
		# as autovacuum would after a while: statistics and the visibility map of the fresh tables
		psql -h 127.0.0.1 -U postgres -d "$database" -qc "vacuum analyze"
	fi
	if [ ! -f "$archive" ]; then
		echo "Scale $scale: the training run for the class-data sharing archive..."
		service_args "$scale" "$database"
		java -Xmx512m "${aot[@]}" -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh -jar "$app" "${args[@]}" \
			--bangfu.rate-limit.enabled=false >target/bench/cds-training.log 2>&1
	fi
	echo "Scale $scale: the phone read with the rate limit on (never reached), on the fresh data..."
	start_service "$scale" "$database" "target/bench/service-$scale-limited.log" \
		--bangfu.rate-limit.enabled=true --bangfu.rate-limit.points=1000000000 --bangfu.rate-limit.points-per-second=1000000000
	# its 30 s of warm-up, not the main run's until the JIT settles: this one shows the limiter's cost and no 503s
	java bench/Bench.java --url "http://127.0.0.1:$port" --pid "$pid" --scale "$scale" --only phone-read-16 --warmup 30 \
		"${village_args[@]}" --title "rate limit on (30 s of warm-up)" --report "$report"
	stop_service
	echo "Scale $scale: starting on the loaded data, as a plain java -jar..."
	BENCH_LAUNCH=jar start_service "$scale" "$database" "target/bench/service-$scale-jar.log" --bangfu.rate-limit.enabled=false
	plain=$ready
	stop_service
	echo "  ready after ${plain}s; now $how..."
	start_service "$scale" "$database" "target/bench/service-$scale.log" --bangfu.rate-limit.enabled=false
	echo "  ready after ${ready}s"
	pgbench_args=()
	if $server && command -v pgbench >/dev/null; then
		pgbench_args=(--pgbench "$(command -v pgbench)" --database "$database")
	fi
	peer_args=()
	if [ -z "$peer_skipped" ]; then
		echo "  the peer, PostGraphile $peer_version, on port $peer_port..."
		start_peer "$database" "target/bench/peer-$scale.log"
	fi
	if [ -z "$peer_skipped" ]; then
		peer_args=(--peer-url "http://127.0.0.1:$peer_port/graphql" --peer-pid "$peer_pid" --peer-version "$peer_version"
			--database "$database")
	else
		peer_args=(--peer-skipped "$peer_skipped")
	fi
	java bench/Bench.java --url "http://127.0.0.1:$port" --pid "$pid" --scale "$scale" --startup "$ready" --startup-plain "$plain" --startup-how "$how" \
		"${village_args[@]}" "${pgbench_args[@]}" "${peer_args[@]}" --report "$report"
	stop_peer
	stop_service
	# BENCH_BEYOND=all: at 1× too; none: at no scale (a quicker run; the report says it was left out)
	if $server && [ "${BENCH_BEYOND:-}" = none ]; then
		printf '\nBeyond one machine: not measured in this run (BENCH_BEYOND=none).\n' >>"$report"
	elif $server && { [ "$scale" -ge 10 ] || [ "${BENCH_BEYOND:-}" = all ]; }; then
		beyond_one_machine "$scale" "$database"
	fi
	# the copies the standby is made of are of the whole server: the last scale's database is not needed
	if $server && [ -z "${BENCH_KEEP:-}" ]; then
		psql -h 127.0.0.1 -U postgres -qc "drop database if exists $database with (force)"
	fi
done
cp "$report" bench/results/latest.md
echo "Report: $report"
