"""The console driven as a user drives it, in headless Chromium over the DevTools protocol
(cdp.py): click through machines, start executions from the form (JSON input, a mock test
case, an express machine synchronously), open states, answer a waiting task token (success,
failure, heartbeat) and an activity task, redrive, stop, move the manual clock, filter and
page the execution list, follow nested executions and Map Runs both ways, read the Lambda and SQS pages,
and export an execution.
Every page must log no error. Screenshots go to the directory given.

The server must run with --manual-clock and --mock-config conformance-tests/console/mock-config.json.
Usage: python3 console_e2e.py http://127.0.0.1:PORT SCREENSHOT_DIR
"""

import base64
import io
import json
import os
import sys
import tempfile
import urllib.parse
import urllib.request
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

ENDPOINT = sys.argv[1]
SHOTS = sys.argv[2]
ROLE = "arn:aws:iam::123456789012:role/console"
CONSOLE = ENDPOINT + "/_console/"


def call(target, body, content_type="application/x-amz-json-1.0", path="/"):
    """One JSON request to Stepstone, as an SDK would send it; the parsed answer."""
    headers = {"Content-Type": content_type}
    if target:
        headers["X-Amz-Target"] = target
    request = urllib.request.Request(
        ENDPOINT + path, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    with urllib.request.urlopen(request) as response:
        text = response.read()
    return json.loads(text) if text else {}


def sns(action, **params):
    """One SNS query call, a form post routed by its SigV4 scope as an SDK's is; its XML."""
    form = urllib.parse.urlencode(dict(params, Action=action, Version="2010-03-31")).encode()
    scope = "Credential=test/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0"
    request = urllib.request.Request(ENDPOINT + "/", data=form, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Authorization": "AWS4-HMAC-SHA256 " + scope})
    with urllib.request.urlopen(request) as response:
        return response.read().decode()


def sfn(operation, **body):
    return call("AWSStepFunctions." + operation, body)


def machine(name, definition, kind="STANDARD"):
    return sfn(
        "CreateStateMachine", name=name, definition=json.dumps(definition), roleArn=ROLE, type=kind
    )["stateMachineArn"]


def wait_end(execution_arn):
    with urllib.request.urlopen(
        f"{ENDPOINT}/_stepstone/executions/wait?executionArn={execution_arn}"
    ) as response:
        return json.load(response)


BRANCHING = {
    "StartAt": "Decide",
    "States": {
        "Decide": {"Type": "Choice",
                   "Choices": [{"Variable": "$.kind", "StringEquals": "map", "Next": "Fan out"}],
                   "Default": "Side by side"},
        "Fan out": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.doubled",
                    "ItemProcessor": {"StartAt": "Double",
                                      "States": {"Double": {"Type": "Pass", "End": True}}},
                    "Next": "Side by side"},
        "Side by side": {"Type": "Parallel", "ResultPath": "$.branches",
                         "Branches": [
                             {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": True}}},
                             {"StartAt": "Right", "States": {"Right": {"Type": "Fail", "Error": "Boom", "Cause": "on purpose"}}}],
                         "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
                         "Next": "Done"},
        "Recover": {"Type": "Pass", "Assign": {"recovered": True}, "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
}


def approval_machine(queue_url):
    return {
        "StartAt": "Ask",
        "States": {
            "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": queue_url,
                                   "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
                    "Next": "Ship"},
            "Ship": {"Type": "Pass", "End": True},
        },
    }


WAITING = {"StartAt": "Pause", "States": {
    "Pause": {"Type": "Wait", "Seconds": 3600, "Next": "After"},
    "After": {"Type": "Pass", "Result": "woke", "End": True}}}

# A Task that can only succeed mocked: the function does not exist.
MOCKED = {"StartAt": "Charge", "States": {
    "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "does-not-exist"}, "OutputPath": "$.Payload",
               "Retry": [{"ErrorEquals": ["Bank.Busy"], "IntervalSeconds": 30}],
               "End": True}}}


class Run:
    """The browser, and the checks made so far."""

    def __init__(self, browser):
        self.b = browser
        self.passed = 0

    def check(self, name, condition, detail=""):
        if not condition:
            raise AssertionError(f"{name}: {detail}")
        self.passed += 1
        print(f"ok   {name}")

    def shot(self, name):
        path = os.path.join(SHOTS, f"e2e-{name}.png")
        self.b.screenshot(path)
        print(f"     screenshot {path}")

    def go(self, fragment):
        """Opens a view by its address, as following a link does, and waits for it."""
        self.b.evaluate(f"""new Promise((resolve) => {{
            if (location.hash.slice(1) === {json.dumps(fragment)}) return resolve();
            addEventListener('hashchange', () => resolve(), {{ once: true }});
            location.hash = {json.dumps(fragment)};
        }})""")
        self.b.settled()

    def status_is(self, status):
        self.b.wait_for("#view h1 .badge", status)


def browse_machine_and_start(run, name):
    b = run.b
    b.click("#machine-list a", name)
    b.wait_for("svg .state[data-name='Fan out']")
    run.check("the machine's graph has every state",
              all(b.count(f"svg .state[data-name='{s}']") == 1
                  for s in ["Decide", "Fan out", "Double", "Side by side", "Left", "Right", "Recover", "Done"]))
    b.wait_for(".versions li", "alias live")
    run.check("versions and aliases are listed", "version 1" in b.text(".versions"))
    run.shot("machine")
    b.fill("#start-input", "{not json")
    b.wait_for("#start-input-hint", "not valid JSON")
    b.click("#start-button")
    b.wait_for("#error", "not valid JSON")
    run.check("bad JSON input is flagged as typed and refused in the page", True)
    b.fill("#start-input", '{"kind": "map", "items": [1, 2, 3]}')
    b.fill("#start-name", "from-the-form")
    b.click("#start-button")
    run.status_is("SUCCEEDED")
    run.check("a start from the form runs to SUCCEEDED", b.text("#view h1").startswith("from-the-form"))
    # The same machine through its alias; then back to the first execution.
    first = b.evaluate("location.hash.slice(1)")
    b.click("#view p a", "console-e2e")
    b.wait_for("#start-target")
    b.select("#start-target", b.evaluate("[...document.querySelectorAll('#start-target option')].find((o) => o.textContent === 'alias live').value"))
    b.fill("#start-input", '{"kind": "other"}')
    b.click("#start-button")
    run.status_is("SUCCEEDED")
    run.check("a start through an alias runs its version", "via alias live \u00b7 version 1" in b.text("#view p"))
    run.go(first)


def open_states(run):
    b = run.b
    b.click("svg .state[data-name='Fan out']")
    b.wait_for(".state-detail h2", "Fan out")
    b.wait_for("table.iterations")
    run.check("a Map's iterations are listed with their results",
              b.count("table.iterations tr") == 4
              and b.evaluate("document.querySelector('table.iterations tr:nth-child(3) td:last-child').textContent") == "2")
    run.check("a state's input shows", '"items"' in b.text(".state-input"))
    run.shot("execution-map-state")
    # Drill down into one iteration: its inner states coloured, with their input and output.
    b.click("table.iterations a", "1")
    b.wait_for(".part-detail h2", "Fan out \u00b7 iteration 1")
    run.check("an iteration's inner states are coloured by their outcome",
              b.evaluate("document.querySelector(\".part-detail svg .state[data-name='Double']\").dataset.status") == "succeeded")
    run.check("an iteration's states show their own input and output",
              b.evaluate("[...document.querySelectorAll('.part-visits td')].map((td) => td.textContent)")
              == ["Double", "\u2713 succeeded", "2", "2"])
    run.shot("execution-map-iteration")
    # The keyboard: focus a state and press Enter.
    b.evaluate("document.querySelector(\"svg .state[data-name='Recover']\").focus()")
    b.press("Enter")
    b.wait_for(".state-detail h2", "Recover")
    b.wait_for("table.assigned")
    run.check("Enter on a focused state opens it, with its variables",
              "$recovered" in b.text("table.assigned"))
    run.check("a caught error shows as caught",
              b.evaluate("document.querySelector(\"svg .state[data-name='Side by side']\").dataset.status") == "caught")
    b.click("svg .state[data-name='Right']")
    b.wait_for(".state-detail h2", "Right")
    run.check("a Fail state shows its error and cause", "Boom\non purpose" in b.text(".state-detail pre.error"))
    b.click("svg .state[data-name='Side by side']")
    b.wait_for(".state-detail ol.branches")
    run.check("a Parallel's branches are listed", b.count("ol.branches li") == 2)
    b.click("ol.branches a", "starts at Right")
    b.wait_for(".part-detail h2", "Side by side \u00b7 branch 1")
    run.check("a branch's states are coloured by their outcome",
              b.evaluate("document.querySelector(\".part-detail svg .state[data-name='Right']\").dataset.status") == "failed"
              and b.count(".part-detail svg .state[data-name='Left']") == 0)
    run.shot("execution-parallel-branch")
    b.click("ol.branches a", "starts at Left")
    b.wait_for(".part-detail h2", "branch 0")
    run.check("the other branch succeeded",
              b.evaluate("document.querySelector(\".part-detail svg .state[data-name='Left']\").dataset.status") == "succeeded")
    run.check("the timeline has a row per state visit", b.count(".timeline-table tr") >= 8)
    run.shot("execution")
    # The window as a user sees it (docs/console.png in the README is this one).
    b.evaluate("window.scrollTo(0, 0)")
    b.screenshot(os.path.join(SHOTS, "e2e-execution-window.png"), full_page=False)


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def no_html_runs(run, execution_arn):
    """Markup in state names, inputs and outputs is shown as text, never parsed."""
    b = run.b
    run.go("execution=" + execution_arn)
    b.click("svg .state[data-name='<b>bold</b>']")
    b.wait_for(".state-detail .state-output", "onerror")
    run.check("markup in data stays text",
              b.count("#view img, #view script, #view b") == 0 and HOSTILE in b.text(".state-input").replace('\\"', '"'))
    with tempfile.TemporaryDirectory() as folder:
        b.allow_downloads(folder)
        b.click("#export-button")
        with open(os.path.join(folder, b.wait_download()), encoding="utf-8") as file:
            html = file.read()
    run.check("markup in an export is escaped", "&lt;img src=x" in html and "<img" not in html and "<script" not in html)


def tab_order(run, fragment):
    """Tab alone reaches every control of an execution page with an iteration open: the
    states, the iteration links, the drill-down's close link and the actions."""
    b = run.b
    run.go(fragment)
    b.wait_for(".part-detail")
    b.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    wanted = b.evaluate("""[...document.querySelectorAll('#view a, #view button, #view input, #view select, #view textarea, #view svg .state')]
        .filter((e) => !e.closest('[hidden]')).length""")
    reached = set()
    for _ in range(wanted + 40):
        b.press("Tab")
        reached.add(b.evaluate("""(() => { const e = document.activeElement;
            return e.closest('#view') ? [...document.querySelectorAll('#view a, #view button, #view input, #view select, #view textarea, #view svg .state')].indexOf(e) : -1; })()"""))
    reached.discard(-1)
    run.check("Tab reaches every control of the execution page", len(reached) == wanted,
              f"{len(reached)} of {wanted}")


def narrow(run, fragments):
    """At 1024 and at 800 pixels every page still fits (nothing scrolls sideways) and every
    link, button and field is on screen, not cut off or hidden behind another."""
    b = run.b
    for width in (1024, 800):
        b.viewport(width, 768)
        b.wait(f"window.innerWidth === {width}")
        for name, fragment in fragments:
            run.go(fragment)
            overflow = b.evaluate("document.documentElement.scrollWidth")
            run.check(f"the {name} page fits {width} pixels", overflow <= width, f"{overflow} px wide")
            outside = b.evaluate("""[...document.querySelectorAll('a, button, input, select, textarea, svg .state')]
                .filter((e) => !e.closest('[hidden]') && e.offsetParent !== null)
                .filter((e) => { const r = e.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > innerWidth + 1 && !e.closest('.graph-panel, .graph-scroll, table'); })
                .map((e) => e.textContent || e.id || e.tagName)""")
            run.check(f"everything on the {name} page is visible at {width} pixels", not outside, str(outside))
            run.shot(f"{name}-{width}")
            b.evaluate("window.scrollTo(0, 0)")
            b.screenshot(os.path.join(SHOTS, f"e2e-{name}-{width}-window.png"), full_page=False)
    b.viewport(1280, 900)


def export(run):
    b = run.b
    with tempfile.TemporaryDirectory() as folder:
        b.allow_downloads(folder)
        b.click("#export-button")
        name = b.wait_download()
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            html = file.read()
    run.check("the export is named after the execution", name == "from-the-form.html", name)
    run.check("the export holds the graph, states and history",
              all(n in html for n in ["<svg", "Fan out", "SUCCEEDED", "ExecutionSucceeded", "<style>"]))
    run.check("the export runs no script", "<script" not in html.lower())


def answer_tasks(run, arn):
    b = run.b
    run.go("machine=" + arn)
    b.wait_for("#start-button")
    b.fill("#start-input", '{"order": "o-1"}')
    b.click("#start-button")
    b.wait_for(".waiting-tasks .task[data-state='Ask']")
    run.check("the waiting task is found and named by its state", True)
    run.shot("waiting-task")
    b.click(".waiting-tasks .send-heartbeat")
    b.wait_for("#notice", "Heartbeat sent (Ask")
    run.check("a heartbeat is confirmed and the task still waits", b.count(".waiting-tasks .task") == 1)
    b.fill(".waiting-tasks .task-error", "Rejected")
    b.fill(".waiting-tasks .task-cause", "not today")
    b.click(".waiting-tasks .send-failure")
    run.status_is("FAILED")
    run.check("send failure fails the execution", "Rejected" in b.text("#view"))
    b.click("#redrive-button")
    b.wait_for(".waiting-tasks .task[data-state='Ask']")
    run.check("redrive runs the failed state again", "redriven 1 time" in b.text("#view"))
    b.fill(".waiting-tasks .task-output", '{"approved": true}')
    b.click(".waiting-tasks .send-success")
    run.status_is("SUCCEEDED")
    run.check("send success hands the output on", '"approved": true' in b.text(".execution-output"))


def answer_activity(run, execution_arn):
    b = run.b
    run.go("execution=" + execution_arn)
    b.wait_for(".waiting-tasks .task[data-state='Review'] h3", "(activity)")
    run.check("an activity task waits with its input", '"doc": 1' in b.text(".waiting-tasks pre"))
    b.fill(".waiting-tasks .task-output", '{"reviewed": "yes"}')
    b.click(".waiting-tasks .send-success")
    run.status_is("SUCCEEDED")
    run.check("answering the activity task ends the execution",
              '"reviewed": "yes"' in b.text(".execution-output"))


def clock_and_stop(run, arn):
    b = run.b
    run.go("machine=" + arn)
    b.wait_for("#start-button")
    b.click("#start-button")
    b.wait_for("svg .state[data-name='Pause'][data-status='running']")
    run.shot("waiting")
    b.fill("#clock-seconds", "3600")
    b.click("#clock-advance")
    run.status_is("SUCCEEDED")
    run.check("advancing the manual clock ends the Wait", '"woke"' in b.text(".execution-output"))
    run.go("machine=" + arn)
    b.wait_for("#start-button")
    b.click("#start-button")
    b.wait_for("#stop-button")
    # By keyboard: Enter on the button opens the form with the cursor in it; Cancel gives the
    # focus back.
    b.evaluate("document.getElementById('stop-button').focus()")
    b.press("Enter")
    b.wait("document.activeElement.id === 'stop-error'")
    b.click("#stop-cancel")
    b.wait("document.getElementById('stop-form').hidden && document.activeElement.id === 'stop-button'")
    run.check("the stop form opens and closes from the keyboard", True)
    b.press("Enter")
    b.wait("!document.getElementById('stop-form').hidden")
    b.fill("#stop-error", "Operator.Cancelled")
    b.fill("#stop-cause", "not needed any more")
    run.shot("stop-form")
    b.click("#stop-confirm")
    run.status_is("ABORTED")
    run.check("stop with a reason aborts the execution and records its error and cause",
              "Operator.Cancelled\nnot needed any more" in b.text("#view .panel pre.error")
              and "not needed any more" in b.text("table.history"))


def live_updates(run, arn):
    """A running execution's page follows the server's event stream: the clock moved by
    another client (the API, not the page) ends its Wait, and the page shows it without a
    reload or a click."""
    b = run.b
    run.go("machine=" + arn)
    b.wait_for("#start-button")
    b.click("#start-button")
    b.wait_for("svg .state[data-name='Pause'][data-status='running']")
    run.check("a state not reached yet is drawn as such",
              b.count("svg .state[data-name='After'][data-status='unreached']") == 1)
    b.wait("document.getElementById('live-status').dataset.connected === 'true'")
    run.check("a running execution says it is live", "live" in b.text("#live-status"))
    b.evaluate("window.sameDocument = true")
    call(None, {"seconds": 3600}, content_type="application/json", path="/_stepstone/clock/advance")
    run.status_is("SUCCEEDED")
    run.check("the stream's events turn the Wait and the execution succeeded in place",
              b.evaluate("window.sameDocument === true")
              and b.evaluate("document.getElementById('view').dataset.refreshedBy") == "stream"
              and b.evaluate("document.querySelector(\"svg .state[data-name='After']\").dataset.status") == "succeeded")
    run.check("a finished execution is no longer followed", b.count("#live-status") == 0)


def list_pages(run, arn, stopped_arn):
    b = run.b
    run.go("machine=" + arn)
    b.wait_for("table.executions")
    run.check("the list's first page has 20 executions", b.count("table.executions tr") == 21)
    run.check("a validation warning marks its state",
              b.count("svg .state.diagnosed[data-name='P']") == 1
              and "PASS_RESULT_IS_STATIC" in b.text("ul.diagnostics"))
    b.click("#page-next")
    b.wait_for(".pager", "page 2")
    run.check("the next page has the rest", b.count("table.executions tr") == 3)
    b.click("#page-previous")
    b.wait_for(".pager", "page 1")
    run.go("machine=" + stopped_arn)
    b.wait_for("table.executions")
    b.select("#status-filter", "ABORTED")
    b.wait("document.querySelectorAll('table.executions tr').length === 2")
    run.check("the status filter shows the aborted one", "ABORTED" in b.text("table.executions"))
    run.shot("execution-list")


def mocked_and_express(run, mocked_arn, express_arn):
    b = run.b
    run.go("machine=" + mocked_arn)
    b.select("#start-test-case", "HappyPath")
    b.click("#start-button")
    run.status_is("SUCCEEDED")
    run.check("a #TestCase start runs with the mocked response",
              '"charged": true' in b.text(".execution-output"))
    # A retry waits its interval on the manual clock: advance it, then read the attempts.
    run.go("machine=" + mocked_arn)
    b.select("#start-test-case", "Flaky")
    b.click("#start-button")
    b.wait_for("svg .state[data-name='Charge'][data-status='running']")
    b.fill("#clock-seconds", "30")
    b.click("#clock-advance")
    run.status_is("SUCCEEDED")
    b.click("svg .state[data-name='Charge']")
    b.wait_for(".state-detail .retries")
    run.check("a state's retries are counted", b.text(".state-detail .retries") == "Attempts: 2 (retries: 1)",
              b.text(".state-detail .retries"))
    run.go("machine=" + express_arn)
    b.wait_for("#start-sync")
    b.fill("#start-input", '{"n": 7}')
    b.click("#start-button")
    b.wait_for(".sync-output")
    run.check("an express machine starts synchronously and shows its result",
              '"n": 7' in b.text(".sync-output") and "SUCCEEDED" in b.text(".sync-result"))
    b.click("#start-sync")
    b.fill("#start-input", '{"n": 8}')
    b.click("#start-button")
    b.wait_for(".sync-output", '"n": 8')
    run.check("an asynchronous express start shows its result when it ends", True)
    run.shot("express")


def nested(run, parent_execution):
    b = run.b
    run.go("execution=" + parent_execution)
    b.click("svg .state[data-name='Child']")
    b.click(".state-detail ul.children a")
    b.wait_for(".parent a")
    run.check("a child links to its parent", True)
    b.click(".parent a")
    b.wait_for("svg .state[data-name='Child']")
    run.check("and the parent back to it", parent_execution in b.text(".arn"))


def map_run(run, execution_arn):
    b = run.b
    run.go("execution=" + execution_arn)
    b.click(".map-runs a")
    b.wait_for("#view h1", "Map Run")
    run.status_is("SUCCEEDED")
    run.check("a Map Run lists its child executions", b.count("table.executions tr") == 4)
    run.shot("map-run")
    b.click("table.executions a")
    b.wait_for(".map-run a")
    b.click(".map-run a")
    b.wait_for("#view h1", "Map Run")
    run.check("a child execution links back to its Map Run", True)


def running_map_run(run, arn):
    """A running Map Run's page follows it: its children wait on the manual clock, which
    another client moves; the page shows the run succeeded without a reload."""
    b = run.b
    run.go("machine=" + arn)
    b.wait_for("#start-button")
    b.fill("#start-input", '{"items": [1, 2]}')
    b.click("#start-button")
    b.wait_for(".map-runs a")
    b.click(".map-runs a")
    b.wait_for("#view h1", "Map Run")
    run.status_is("RUNNING")
    b.evaluate("window.sameDocument = true")
    call(None, {"seconds": 60}, content_type="application/json", path="/_stepstone/clock/advance")
    run.status_is("SUCCEEDED")
    run.check("a running Map Run's page updates in place",
              b.evaluate("window.sameDocument === true")
              and b.evaluate("document.getElementById('view').dataset.refreshedBy") == "poll")


def services(run):
    b = run.b
    b.click("#services a", "SQS queues")
    b.wait_for("table.queues a", "approvals")
    # One message per time the Ask state ran: the first attempt and the redrive.
    run.check("the SQS page counts the queue's messages",
              b.evaluate("document.querySelector('table.queues td.count').textContent") == "2")
    run.shot("sqs")
    b.click("table.queues a", "approvals")
    b.wait_for("table.attributes", "QueueArn")
    run.check("a queue's attributes show", "ApproximateNumberOfMessages" in b.text("table.attributes"))
    run.check("a queue's tags show", "team" in b.text("table.tags") and "approvals-team" in b.text("table.tags"))
    b.wait_for("table.messages", '"token"')
    run.check("its two messages show, still visible: looking received nothing",
              b.text("table.messages").count("visible") == 2)
    b.wait_for(".redrive a", "approvals-dlq")
    run.check("the redrive policy names its receive count", "After 3 receives" in b.text(".redrive .dead-letter"))
    run.shot("sqs-queue")
    b.click(".redrive a", "approvals-dlq")
    b.wait_for("#view h1", "approvals-dlq")
    b.wait_for(".dead-letter-sources a", "approvals")
    run.check("the dead-letter queue links back to the queues it serves", True)
    b.click("#services a", "SNS topics")
    b.wait_for("table.topics a", "console-alerts")
    b.click("table.topics a", "console-alerts")
    b.wait_for("table.subscriptions", "sms")
    run.check("a topic's subscriptions show, its queue linked",
              "+15555550100" in b.text("table.subscriptions")
              and b.evaluate("!!document.querySelector('table.subscriptions a')"))
    b.wait_for("table.deliveries", "disk almost full")
    run.check("the SMS Stepstone kept shows", "sms" in b.text("table.deliveries"))
    run.shot("sns-topic")
    b.click("#services a", "Lambda functions")
    b.wait_for("table.functions a", "greeter")
    b.click("table.functions a", "greeter")
    b.wait_for("table.configuration", "handler.handler")
    run.check("a function's configuration shows", "python3.12" in b.text("table.configuration"))
    b.wait_for("table.invocations", "Succeeded")
    run.check("its recent invocation shows with its log", "START RequestId" in b.text("table.invocations"))
    run.shot("lambda")


def keyboard(run):
    b = run.b
    run.go("")
    b.wait_for("#machine-list a")
    b.evaluate("document.activeElement.blur()")
    for _ in range(4):
        b.press("Tab")
    run.shot("home")
    run.check("the machine list is reached with Tab",
              b.evaluate("document.activeElement.closest('nav') !== null"))


def setup():
    """Machines, a queue and a function made through the APIs, as a user's scripts make them."""
    made = {"branching": machine("console-e2e", BRANCHING)}
    sfn("PublishStateMachineVersion", stateMachineArn=made["branching"])
    sfn("CreateStateMachineAlias", name="live", routingConfiguration=[
        {"stateMachineVersionArn": made["branching"] + ":1", "weight": 100}])
    dead_letter = call("AmazonSQS.CreateQueue", {"QueueName": "approvals-dlq"})["QueueUrl"]
    dead_letter_arn = call("AmazonSQS.GetQueueAttributes", {
        "QueueUrl": dead_letter, "AttributeNames": ["QueueArn"]})["Attributes"]["QueueArn"]
    queue = call("AmazonSQS.CreateQueue", {
        "QueueName": "approvals", "tags": {"team": "approvals-team"},
        "Attributes": {"RedrivePolicy": json.dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": 3})}})["QueueUrl"]
    made["approval"] = machine("console-approval", approval_machine(queue))
    answer = sns("CreateTopic", Name="console-alerts")
    topic = answer.split("<TopicArn>")[1].split("</TopicArn>")[0]
    queue_arn = call("AmazonSQS.GetQueueAttributes", {
        "QueueUrl": dead_letter, "AttributeNames": ["QueueArn"]})["Attributes"]["QueueArn"]
    sns("Subscribe", TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    sns("Subscribe", TopicArn=topic, Protocol="sms", Endpoint="+15555550100")
    sns("Publish", TopicArn=topic, Message="disk almost full")
    made["waiting"] = machine("console-clock", WAITING)
    made["mocked"] = machine("console-mocked", MOCKED)
    made["express"] = machine("console-express", {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}}, "EXPRESS")
    # A path in a Pass state's Result is a WARNING for ValidateStateMachineDefinition.
    made["many"] = machine("console-many", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "$.oops", "End": True}}})
    distributed = machine("console-distributed", {"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "ItemsPath": "$.items", "End": True,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}}}}})
    made["slow_distributed"] = machine("console-slow-distributed", {"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "ItemsPath": "$.items", "End": True,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "Later", "States": {"Later": {"Type": "Wait", "Seconds": 60, "End": True}}}}}})
    made["distributed_execution"] = sfn("StartExecution", stateMachineArn=distributed,
                                        input='{"items": [1, 2, 3]}')["executionArn"]
    wait_end(made["distributed_execution"])
    made["map_run"] = sfn("ListMapRuns", executionArn=made["distributed_execution"])["mapRuns"][0]["mapRunArn"]
    for i in range(22):
        wait_end(sfn("StartExecution", stateMachineArn=made["many"], name=f"run-{i:02}")["executionArn"])
    child = machine("console-child", {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": True}}})
    parent = machine("console-parent", {"StartAt": "Child", "States": {"Child": {
        "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": child, "Input": {
            "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}},
        "End": True}}})
    made["parent_execution"] = sfn("StartExecution", stateMachineArn=parent)["executionArn"]
    wait_end(made["parent_execution"])
    activity = sfn("CreateActivity", name="console-review")["activityArn"]
    reviewed = machine("console-activity", {"StartAt": "Review", "States": {
        "Review": {"Type": "Task", "Resource": activity, "End": True}}})
    made["activity_execution"] = sfn("StartExecution", stateMachineArn=reviewed,
                                     input='{"doc": 1}')["executionArn"]
    hostile = machine("console-html", {"StartAt": "<b>bold</b>", "States": {
        "<b>bold</b>": {"Type": "Pass", "Result": {"html": HOSTILE}, "ResultPath": "$.echo", "End": True}}})
    made["hostile_execution"] = sfn("StartExecution", stateMachineArn=hostile,
                                    input=json.dumps({"html": HOSTILE}))["executionArn"]
    wait_end(made["hostile_execution"])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("handler.py", "def handler(event, context):\n    return event\n")
    call(None, {"FunctionName": "greeter", "Runtime": "python3.12", "Role": ROLE,
                "Handler": "handler.handler",
                "Code": {"ZipFile": base64.b64encode(archive.getvalue()).decode()}},
         content_type="application/json", path="/2015-03-31/functions")
    call(None, {"hello": "console"}, content_type="application/json",
         path="/2015-03-31/functions/greeter/invocations")
    return made


def main():
    os.makedirs(SHOTS, exist_ok=True)
    made = setup()
    browser = cdp.Browser()
    run = Run(browser)
    try:
        browser.open(CONSOLE)
        keyboard(run)
        browse_machine_and_start(run, "console-e2e")
        open_states(run)
        first = browser.evaluate("location.hash.slice(1)").split("&")[0]
        export(run)
        answer_tasks(run, made["approval"])
        answer_activity(run, made["activity_execution"])
        clock_and_stop(run, made["waiting"])
        live_updates(run, made["waiting"])
        mocked_and_express(run, made["mocked"], made["express"])
        list_pages(run, made["many"], made["waiting"])
        nested(run, made["parent_execution"])
        map_run(run, made["distributed_execution"])
        running_map_run(run, made["slow_distributed"])
        services(run)
        no_html_runs(run, made["hostile_execution"])
        tab_order(run, first + "&state=Fan%20out&iteration=2")
        narrow(run, [("home", ""), ("machine", "machine=" + made["branching"]),
                     ("execution", first + "&state=Fan%20out&iteration=0"),
                     ("map-run", "maprun=" + made["map_run"]), ("sqs", "sqs="), ("lambda", "lambda=greeter")])
        run.check("no page logged an error", not browser.errors, "\n".join(browser.errors))
    except (AssertionError, cdp.BrowserError) as failure:
        run.shot("failure")
        print(f"FAIL {failure}")
        print("page errors:", browser.errors)
        sys.exit(1)
    finally:
        browser.close()
    print(f"console e2e: {run.passed} checks passed")


if __name__ == "__main__":
    main()
