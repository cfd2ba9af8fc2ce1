#!/usr/bin/env bash
# Smoke test: the AWS CLI against a running Stepstone. Usage: smoke_cli.sh http://127.0.0.1:8083
set -u
endpoint=$1
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
sm=arn:aws:states:us-east-1:123456789012:stateMachine
definition='{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'
passed=0 failed=0

sfn() { aws --endpoint-url "$endpoint" --output text stepfunctions "$@"; }
check() {
  local name=$1; shift
  if output=$("$@" 2>&1); then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name: $output"; fi
}

create() { sfn create-state-machine --name cli --definition "$definition" --role-arn arn:aws:iam::123456789012:role/cli; }
describe_has_definition() { sfn describe-state-machine --state-machine-arn "$sm:cli" --query definition | grep -qF '"StartAt":"P"'; }
list_has_it() { sfn list-state-machines --query "stateMachines[?name=='cli'].name" | grep -qx cli; }
unknown_is_typed_error() {
  local out
  out=$(sfn describe-state-machine --state-machine-arn "$sm:none" 2>&1) && return 1
  grep -q 'StateMachineDoesNotExist' <<<"$out"
}
activity() { sfn create-activity --name cli-activity --query activityArn | grep -qx 'arn:aws:states:us-east-1:123456789012:activity:cli-activity'; }
delete() { sfn delete-state-machine --state-machine-arn "$sm:cli" && ! list_has_it; }

lambda_dir=$(mktemp -d)
trap 'rm -rf "$lambda_dir"' EXIT
lam() { aws --endpoint-url "$endpoint" --output text lambda "$@"; }
create_function() {
  printf 'def handler(event, context):\n    return {"hello": event["name"]}\n' > "$lambda_dir/handler.py"
  (cd "$lambda_dir" && python3 -m zipfile -c function.zip handler.py)
  lam create-function --function-name cli-fn --runtime python3.12 --handler handler.handler \
    --role arn:aws:iam::123456789012:role/cli --zip-file "fileb://$lambda_dir/function.zip" --query State | grep -qx Active
}
invoke_function() {
  lam invoke --function-name cli-fn \
    --payload '{"name": "cli"}' "$lambda_dir/out.json" > /dev/null
  grep -qF '{"hello": "cli"}' "$lambda_dir/out.json"
}
unknown_function_is_typed_error() {
  local out
  out=$(lam get-function --function-name ghost 2>&1) && return 1
  grep -q 'ResourceNotFoundException' <<<"$out"
}
caller_identity() {
  aws --endpoint-url "$endpoint" sts get-caller-identity --query Account --output text | grep -qx 123456789012
}
queue_round_trip() {
  local url
  url=$(aws --endpoint-url "$endpoint" sqs create-queue --queue-name cli-queue --query QueueUrl --output text)
  aws --endpoint-url "$endpoint" sqs send-message --queue-url "$url" --message-body from-cli > /dev/null
  aws --endpoint-url "$endpoint" sqs receive-message --queue-url "$url" \
    --query 'Messages[0].Body' --output text | grep -qx from-cli
}
topic_round_trip() {
  local arn
  arn=$(aws --endpoint-url "$endpoint" sns create-topic --name cli-topic --query TopicArn --output text)
  aws --endpoint-url "$endpoint" sns publish --topic-arn "$arn" --message from-cli \
    --query MessageId --output text | grep -q .
  aws --endpoint-url "$endpoint" sns get-topic-attributes --topic-arn cli-missing 2>&1 \
    | grep -q 'NotFound\|InvalidParameter'
}
# Services Stepstone does not serve answer in their own protocol, naming themselves.
unserved_says_so() {
  local service=$1 out; shift
  out=$(aws --endpoint-url "$endpoint" "$@" 2>&1) && return 1
  grep -q "Stepstone does not serve $service" <<<"$out" && grep -q 'it serves Step Functions' <<<"$out"
}

check "create-state-machine" create
check "describe-state-machine returns the definition" describe_has_definition
check "list-state-machines lists it" list_has_it
check "an unknown machine is a StateMachineDoesNotExist error" unknown_is_typed_error
check "create-activity" activity
check "delete-state-machine" delete
check "lambda create-function --zip-file fileb://" create_function
check "lambda invoke writes the result" invoke_function
check "an unknown function is a ResourceNotFoundException" unknown_function_is_typed_error
check "sts get-caller-identity names the account" caller_identity
check "sqs create-queue, send-message and receive-message" queue_round_trip
check "sns create-topic and publish; errors are typed" topic_round_trip
check "iam (query protocol) is refused in XML, naming itself" unserved_says_so iam iam list-users
check "s3 (rest-xml) is refused in XML, naming itself" unserved_says_so s3 s3api list-buckets
check "dynamodb (awsJson) is refused in JSON, naming itself" unserved_says_so dynamodb dynamodb list-tables

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
