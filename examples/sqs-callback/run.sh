#!/usr/bin/env bash
# Deploys the sqs-callback example to a running Stepstone, starts one order and waits for the
# queue's consumer to answer it. Run it as often as you like: each run replaces the queue
# mapping, the function and the state machine definition.
# Usage: examples/sqs-callback/run.sh [endpoint]   (default http://127.0.0.1:8083)
# Needs the AWS CLI and python3 (the function runs locally).
set -euo pipefail
cd "$(dirname "$0")"
endpoint="${1:-http://127.0.0.1:8083}"
# Stepstone accepts any credentials; these keep real ones out of it.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
aws() { command aws --endpoint-url "$endpoint" --output json "$@"; }
role=arn:aws:iam::123456789012:role/packer

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp pack_order.py "$work/"
(cd "$work" && python3 -m zipfile -c function.zip pack_order.py)

queue_arn=$(aws sqs get-queue-attributes --attribute-names QueueArn --query Attributes.QueueArn \
  --output text --queue-url "$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)")
# Replace the function (and so its mapping) if an earlier run created them.
for uuid in $(aws lambda list-event-source-mappings --function-name pack-order \
  --query 'EventSourceMappings[].UUID' --output text 2>/dev/null); do
  aws lambda delete-event-source-mapping --uuid "$uuid" >/dev/null
done
aws lambda delete-function --function-name pack-order >/dev/null 2>&1 || true
aws lambda create-function --function-name pack-order --runtime python3.12 \
  --handler pack_order.handler --role "$role" \
  --zip-file "fileb://$work/function.zip" >/dev/null
aws lambda create-event-source-mapping --function-name pack-order \
  --event-source-arn "$queue_arn" --batch-size 10 >/dev/null

machine=$(aws stepfunctions list-state-machines \
  --query "stateMachines[?name=='sqs-callback'].stateMachineArn | [0]" --output text)
if [ "$machine" = None ] || [ -z "$machine" ]; then
  machine=$(aws stepfunctions create-state-machine --name sqs-callback \
    --definition file://definition.json --role-arn "$role" --query stateMachineArn --output text)
else
  aws stepfunctions update-state-machine --state-machine-arn "$machine" \
    --definition file://definition.json >/dev/null
fi
execution=$(aws stepfunctions start-execution --state-machine-arn "$machine" \
  --input '{"order": {"id": "order-1", "items": ["book", "lamp"]}}' \
  --query executionArn --output text)
echo "Started $execution"
for _ in $(seq 100); do
  status=$(aws stepfunctions describe-execution --execution-arn "$execution" --query status --output text)
  [ "$status" != RUNNING ] && break
  sleep 0.1
done
aws stepfunctions describe-execution --execution-arn "$execution" --query '{status: status, output: output}'
