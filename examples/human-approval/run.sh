#!/usr/bin/env bash
# Deploys the human-approval example to a running Stepstone and starts one execution. Run it
# as often as you like: each run replaces the function and the state machine definition and
# starts a new order.
# Usage: examples/human-approval/run.sh [endpoint]   (default http://127.0.0.1:8083)
# Needs the AWS CLI and python3 (the function runs locally).
set -euo pipefail
cd "$(dirname "$0")"
endpoint="${1:-http://127.0.0.1:8083}"
# Stepstone accepts any credentials; these keep real ones out of it.
credentials="AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}"
export $credentials
aws() { command aws --endpoint-url "$endpoint" --output json "$@"; }
# The approval requests land beside this script unless OUTBOX names another folder.
outbox="${OUTBOX:-$PWD/outbox}"
role=arn:aws:iam::123456789012:role/approval

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp request_approval.py "$work/"
(cd "$work" && python3 -m zipfile -c function.zip request_approval.py)

# Replace the function if an earlier run created it.
aws lambda delete-function --function-name request-approval >/dev/null 2>&1 || true
aws lambda create-function --function-name request-approval --runtime python3.12 \
  --handler request_approval.handler --role "$role" \
  --environment "Variables={OUTBOX=$outbox}" \
  --zip-file "fileb://$work/function.zip" >/dev/null
machine=$(aws stepfunctions list-state-machines \
  --query "stateMachines[?name=='human-approval'].stateMachineArn | [0]" --output text)
if [ "$machine" = None ] || [ -z "$machine" ]; then
  machine=$(aws stepfunctions create-state-machine --name human-approval \
    --definition file://definition.json --role-arn "$role" --query stateMachineArn --output text)
else
  aws stepfunctions update-state-machine --state-machine-arn "$machine" \
    --definition file://definition.json >/dev/null
fi
# An earlier run's request must not be mistaken for this one's.
rm -f "$outbox/order-1.json"
execution=$(aws stepfunctions start-execution --state-machine-arn "$machine" \
  --input '{"order": {"id": "order-1", "total": 99}}' --query executionArn --output text)

echo "Started $execution"
for _ in $(seq 100); do [ -f "$outbox/order-1.json" ] && break; sleep 0.1; done
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$outbox/order-1.json")
cli="env $credentials aws --endpoint-url $endpoint stepfunctions"
cat <<MSG
The approval request is in $outbox/order-1.json. Approve it with:
  $cli send-task-success --task-token '$token' --task-output '{"approver": "alice"}'
or reject it with:
  $cli send-task-failure --task-token '$token' --error Rejected --cause 'too expensive'
then look at the result:
  $cli describe-execution --execution-arn '$execution'
MSG
