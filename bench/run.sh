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
	args+=("$@")
	local launch=(-jar "$jar")
	if [ "${BENCH_LAUNCH:-cds}" = cds ] && [ -f "$archive" ]; then
		launch=("${aot[@]}" -XX:SharedArchiveFile="$archive" -Xshare:auto -jar "$app")
	fi
	# BENCH_JAVA_OPTS: e.g. a flight recording of the run (-XX:StartFlightRecording=filename=target/bench/run.jfr)
	# shellcheck disable=SC2086
	java -Xmx512m ${BENCH_JAVA_OPTS:-} "${launch[@]}" "${args[@]}" >"$log" 2>&1 &
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
trap 'stop_peer; stop_service' EXIT

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
	# a new database each run: the write scenarios add visits, and a run must not measure the last one's
	if $server; then
		psql -h 127.0.0.1 -U postgres -qc "drop database if exists $database with (force)" -c "create database $database"
	else
		rm -rf "target/bench/postgres-$scale"
	fi
	echo "Scale $scale: loading the demo data..."
	start_service "$scale" "$database" "target/bench/service-$scale-load.log" --bangfu.rate-limit.enabled=false
	echo "  ready after ${ready}s (including the demo load: $(sed -n 's/.*Loaded the demo data set .* in \([0-9]*\) ms.*/\1 ms/p' "target/bench/service-$scale-load.log"))"
	stop_service
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
	java bench/Bench.java --url "http://127.0.0.1:$port" --pid "$pid" --scale "$scale" --only phone-read-16 \
		"${village_args[@]}" --title "rate limit on" --report "$report"
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
done
cp "$report" bench/results/latest.md
echo "Report: $report"
