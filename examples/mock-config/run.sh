#!/usr/bin/env bash
# Creates the LambdaSQSIntegration machine on a Stepstone started with this folder's mock
# configuration and runs both test cases; neither calls a real Lambda function or SQS queue.
# Run it as often as you like.
# Usage: examples/mock-config/run.sh [endpoint]   (default http://127.0.0.1:8083)
# Needs the AWS CLI.
set -euo pipefail
cd "$(dirname "$0")"
endpoint="${1:-http://127.0.0.1:8083}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
sfn() { command aws --endpoint-url "$endpoint" --output text stepfunctions "$@"; }

# Creating the same machine again answers with the existing one.
machine=$(sfn create-state-machine --name LambdaSQSIntegration --definition file://definition.json \
  --role-arn arn:aws:iam::123456789012:role/mocks --query stateMachineArn)
for case in HappyPath RetryPath; do
  execution=$(sfn start-execution --state-machine-arn "$machine#$case" --input '{"name": "you"}' \
    --query executionArn)
  curl -s "$endpoint/_stepstone/executions/wait?executionArn=$execution&timeout=60" >/dev/null
  echo "$case: $(sfn describe-execution --execution-arn "$execution" --query '[status, output]')"
done
