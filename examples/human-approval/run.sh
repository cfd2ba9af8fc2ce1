#!/usr/bin/env bash
# Deploys the human-approval example to a running Stepstone and starts one execution.
# Usage: examples/human-approval/run.sh [endpoint]   (default http://127.0.0.1:8083)
# Needs the AWS CLI and python3 (the function runs locally).
set -euo pipefail
cd "$(dirname "$0")"
endpoint="${1:-http://127.0.0.1:8083}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
aws() { command aws --endpoint-url "$endpoint" --output json "$@"; }
outbox="${OUTBOX:-/tmp/approvals}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp request_approval.py "$work/"
(cd "$work" && python3 -m zipfile -c function.zip request_approval.py)

aws lambda create-function --function-name request-approval --runtime python3.12 \
  --handler request_approval.handler --role arn:aws:iam::123456789012:role/approval \
  --environment "Variables={OUTBOX=$outbox}" \
  --zip-file "fileb://$work/function.zip" >/dev/null
machine=$(aws stepfunctions create-state-machine --name human-approval \
  --definition file://definition.json --role-arn arn:aws:iam::123456789012:role/approval \
  --query stateMachineArn --output text)
execution=$(aws stepfunctions start-execution --state-machine-arn "$machine" \
  --input '{"order": {"id": "order-1", "total": 99}}' --query executionArn --output text)

echo "Started $execution"
for _ in $(seq 100); do [ -f "$outbox/order-1.json" ] && break; sleep 0.1; done
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$outbox/order-1.json")
cat <<MSG
The approval request is in $outbox/order-1.json. Approve it with:
  aws --endpoint-url $endpoint stepfunctions send-task-success --task-token $token \\
      --task-output '{"approver": "alice"}'
or reject it with:
  aws --endpoint-url $endpoint stepfunctions send-task-failure --task-token $token \\
      --error Rejected --cause 'too expensive'
then look at the result:
  aws --endpoint-url $endpoint stepfunctions describe-execution --execution-arn $execution
MSG
