#!/usr/bin/env bash
# The native server against what a web page can send, with curl as the page's browser would
# send it: DNS rebinding (a site's own name resolving to 127.0.0.1), cross-site simple POSTs,
# and imports over a built-in pack. Run by `make test-serve` (part of `make test`):
#   wasm/cmd/sufler-serve/testdata/curl-test.sh path/to/sufler-serve
set -euo pipefail
bin=${1:?usage: curl-test.sh path/to/sufler-serve}
command -v curl >/dev/null || { echo "curl-test: curl is missing (apt-get install curl)" >&2; exit 1; }

out=$(mktemp)
"$bin" -addr 127.0.0.1:0 >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$out" "$out.body"' EXIT
for _ in $(seq 100); do
	grep -q 'listening on' "$out" && break
	sleep 0.1
done
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out")
port=${base##*:}
[ -n "$port" ] || { echo "curl-test: the server did not start" >&2; exit 1; }

fails=0
# expect STATUS TEXT-IN-BODY DESCRIPTION -- CURL-ARGS...
expect() {
	local want=$1 grep=$2 what=$3
	shift 4
	local got
	got=$(curl -s -o "$out.body" -w '%{http_code}' "$@")
	if [ "$got" != "$want" ] || ! grep -q -- "$grep" "$out.body"; then
		echo "FAIL $what: $got (want $want with \"$grep\"): $(head -c 300 "$out.body")"
		fails=$((fails + 1))
	else
		echo "ok   $what: $got"
	fi
}

json=(-H 'Content-Type: application/json')
check='{"text":"Я не знаю, но мы гарантируем 100% прохождение таможни"}'
packs_before=$(curl -s "$base/v1/packs")

expect 200 '"ok":true' 'curl itself' -- "$base/v1/health"
expect 200 '"findings":\[{' 'a JSON check' -- "${json[@]}" -d "$check" "$base/v1/check"

# DNS rebinding: evil.example resolves to 127.0.0.1, so the browser sends its own name as Host.
rebind=(--resolve "evil.example:$port:127.0.0.1")
expect 403 'is not this server' 'rebinding: GET the packs' -- "${rebind[@]}" "http://evil.example:$port/v1/packs"
expect 403 'is not this server' 'rebinding: search' -- "${rebind[@]}" "http://evil.example:$port/v1/search?q=груз"
expect 403 'is not this server' 'rebinding: check' -- "${rebind[@]}" "${json[@]}" -d "$check" "http://evil.example:$port/v1/check"
expect 403 'is not this server' 'rebinding: PUT a pack' -- "${rebind[@]}" "${json[@]}" -X PUT -d '{"id":"x"}' "http://evil.example:$port/v1/packs/x"
expect 403 'is not this server' 'rebinding: DELETE a pack' -- "${rebind[@]}" -X DELETE "http://evil.example:$port/v1/packs/prove-customs?builtin=off"
expect 403 'is not this server' 'a forged Host header' -- -H "Host: evil.example:$port" "$base/v1/packs"

# A page on another site POSTing to 127.0.0.1: a "simple" request, no preflight.
expect 403 'may not use this server' 'cross-site text/plain POST' -- -H 'Origin: https://evil.example' -H 'Content-Type: text/plain' -d "$check" "$base/v1/check"
expect 403 'may not use this server' 'cross-site JSON POST' -- -H 'Origin: https://evil.example' "${json[@]}" -d "$check" "$base/v1/check"
expect 403 'may not use this server' 'cross-site GET' -- -H 'Origin: https://evil.example' "$base/v1/packs"
expect 415 'application/json' 'a text/plain POST' -- -H 'Content-Type: text/plain' -d "$check" "$base/v1/check"
expect 415 'application/json' "curl's default form type" -- -d "$check" "$base/v1/check"

# Built-in packs are not replaced or dropped by accident.
expect 409 'is built in and cannot be replaced' 'PUT over a built-in pack' -- "${json[@]}" -X PUT -d '{"id":"prove-customs","version":"1","title":"x","segments":[{"id":"x","title":"x"}]}' "$base/v1/packs/prove-customs"
expect 409 'builtin=off' 'DELETE of a built-in pack' -- -X DELETE "$base/v1/packs/prove-customs"

packs_after=$(curl -s "$base/v1/packs")
if [ "$packs_before" != "$packs_after" ]; then
	echo "FAIL the refused requests changed the packs"
	fails=$((fails + 1))
fi
expect 200 '"deleted":"prove-customs"' 'switching a built-in pack off, meant' -- -X DELETE "$base/v1/packs/prove-customs?builtin=off"

if [ "$fails" -gt 0 ]; then
	echo "curl-test: $fails failed"
	exit 1
fi
echo "curl-test: all passed"
