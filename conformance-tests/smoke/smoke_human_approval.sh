#!/usr/bin/env bash
# The human-approval example through the AWS CLI, as its README tells a user to run it: deploy
# and start with run.sh, then approve with the token from the outbox and check the result.
# Usage: smoke_human_approval.sh <endpoint>
set -euo pipefail
endpoint="$1"
cd "$(dirname "$0")/../.."
export OUTBOX AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
OUTBOX="$(mktemp -d)"
trap 'rm -rf "$OUTBOX"' EXIT
# Twice: run.sh must be idempotent (the second run replaces the function and the definition).
examples/human-approval/run.sh "$endpoint" >/dev/null
examples/human-approval/run.sh "$endpoint" > "$OUTBOX/printed.txt"
execution=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["execution"])' "$OUTBOX/order-1.json")
aws() { command aws --endpoint-url "$endpoint" --output text "$@"; }
# The approve command exactly as run.sh printed it, without this script's environment.
approve=$(grep 'send-task-success' "$OUTBOX/printed.txt")
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_DEFAULT_REGION bash -c "$approve" >/dev/null
for _ in $(seq 100); do
  status=$(aws stepfunctions describe-execution --execution-arn "$execution" --query status)
  [ "$status" != RUNNING ] && break
  sleep 0.1
done
output=$(aws stepfunctions describe-execution --execution-arn "$execution" --query output)
[ "$status" = SUCCEEDED ] || { echo "human approval ended $status"; exit 1; }
[ "$output" = '{"order":"order-1","approvedBy":"alice","status":"shipped"}' ] || { echo "unexpected output: $output"; exit 1; }
echo "human-approval example: approved and shipped"
