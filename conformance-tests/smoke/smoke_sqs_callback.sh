#!/usr/bin/env bash
# The sqs-callback example through the AWS CLI, as its README tells a user to run it: run.sh
# deploys the queue, the worker and its event source mapping, starts an order and prints the
# finished execution, which the mapped worker answered.
# Usage: smoke_sqs_callback.sh <endpoint>
set -euo pipefail
endpoint="$1"
cd "$(dirname "$0")/../.."
# Twice: run.sh must be idempotent (the second run replaces the mapping, function and definition).
examples/sqs-callback/run.sh "$endpoint" >/dev/null
printed=$(examples/sqs-callback/run.sh "$endpoint")
result=$(printf '%s' "$printed" | sed -n '/^{/,$p')
status=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$result")
output=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["output"])' "$result")
[ "$status" = SUCCEEDED ] || { echo "sqs-callback ended $status"; exit 1; }
[ "$output" = '{"order":"order-1","packedBy":"packer-1","status":"packed"}' ] || { echo "unexpected output: $output"; exit 1; }
echo "sqs-callback example: the queue's worker answered the token"
