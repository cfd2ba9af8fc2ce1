"""Stepstone Python bootstrap: runs a user's Lambda handler as a local process.

Stepstone starts this script (``python3 -u python_bootstrap.py``) with the
working directory and ``LAMBDA_TASK_ROOT`` set to the unpacked function code,
``_HANDLER`` set to ``module.function`` and ``AWS_LAMBDA_RUNTIME_API`` set to
``host:port`` of Stepstone's implementation of the AWS Lambda Runtime API.

The script then does what AWS's Python runtime does:

1. import the handler once, reporting failures to ``/runtime/init/error``;
2. loop forever: ``GET /runtime/invocation/next``, call ``handler(event,
   context)``, and ``POST`` the result to ``.../response`` or the error to
   ``.../error``.

Payload shapes, error types and messages follow the AWS runtime so that
recorded AWS outputs can be compared verbatim. Only the standard library is
used; it must keep working on Python 3.8 to 3.13.
"""

import decimal
import http.client
import importlib
import io
import json
import logging
import os
import re
import sys
import time
import traceback

RUNTIME_API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
API_PREFIX = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
TASK_ROOT = os.path.abspath(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())
# AWS always unpacks code to /var/task; paths in error messages and tracebacks
# are rewritten to it so they match what the real service reports.
AWS_TASK_ROOT = "/var/task"

# AWS's Python lives under /var/lang; stdlib frames (e.g. importlib's, in
# import-time tracebacks) are rewritten to that prefix for the same reason.
AWS_LANG_ROOT = "/var/lang"

# Request id of the invocation in progress, for the logging formatter.
_current_request_id = ""


class RuntimeApiGone(Exception):
    """Stepstone closed the Runtime API; the process should just end."""


class RuntimeFault(Exception):
    """A failure of the runtime's own steps (loading the handler, decoding the
    event, encoding the result), carrying the error type AWS reports for it.
    These have no user stack trace."""

    def __init__(self, error_type, message, stack_trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace or []


# --------------------------------------------------------------------------
# Runtime API client
# --------------------------------------------------------------------------


def api_request(method, path, body=None, headers=None):
    """Send one request to the Runtime API; returns (status, headers, body).

    A fresh connection per request keeps this simple; the API is local. No
    timeout: ``/invocation/next`` legitimately blocks until work arrives.
    """
    try:
        conn = http.client.HTTPConnection(RUNTIME_API, timeout=None)
        conn.request(method, API_PREFIX + path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, response.headers, data
    except (OSError, http.client.HTTPException) as e:
        raise RuntimeApiGone(str(e))


def post_json(path, payload, error_type=None):
    headers = {"Content-Type": "application/json"}
    if error_type:
        # Header values must be plain ASCII; an odd class name must not crash us.
        headers[ERROR_TYPE_HEADER] = "".join(c for c in error_type if " " <= c <= "~")
    # Error documents are compact, results use json.dumps' default separators: that is what
    # AWS's recorded outputs (and their Content-Length) show.
    api_request("POST", path, to_json(payload, compact=bool(error_type)).encode("utf-8"), headers)


# --------------------------------------------------------------------------
# JSON (with Decimal support, as the AWS runtime has)
# --------------------------------------------------------------------------

# The standard library cannot emit a raw number from JSONEncoder.default(),
# so each Decimal is first encoded as a unique placeholder string that is
# swapped for the number's text afterwards. The random nonce makes a clash
# with a real string in the payload practically impossible.
_DECIMAL_NONCE = os.urandom(8).hex()
_DECIMAL_PLACEHOLDER = re.compile('"@@stepstone-decimal-%s-([0-9]+)@@"' % _DECIMAL_NONCE)


# AWS's python3.12 and later runtimes keep non-ASCII characters as they are;
# earlier ones escape them (\u00e9).
_ENSURE_ASCII = True
_EXECUTION_ENV = re.match(r"AWS_Lambda_python3\.([0-9]+)$", os.environ.get("AWS_EXECUTION_ENV", ""))
if _EXECUTION_ENV and int(_EXECUTION_ENV.group(1)) >= 12:
    _ENSURE_ASCII = False


class _DecimalEncoder(json.JSONEncoder):
    def __init__(self, compact=False):
        separators = (",", ":") if compact else None
        super().__init__(ensure_ascii=_ENSURE_ASCII, separators=separators)
        self.decimals = []

    def default(self, o):
        if isinstance(o, decimal.Decimal):
            # NaN Decimals render like float NaN (str() could give '-NaN' or 'sNaN').
            text = "NaN" if o.is_nan() else str(o)
            self.decimals.append(text)
            return "@@stepstone-decimal-%s-%d@@" % (_DECIMAL_NONCE, len(self.decimals) - 1)
        return super().default(o)


def to_json(obj, compact=False):
    encoder = _DecimalEncoder(compact)
    text = encoder.encode(obj)
    if not encoder.decimals:
        return text
    return _DECIMAL_PLACEHOLDER.sub(lambda m: encoder.decimals[int(m.group(1))], text)


# --------------------------------------------------------------------------
# Errors and tracebacks
# --------------------------------------------------------------------------


def to_aws_path(text):
    """Rewrite local paths in error text to the ones AWS would show."""
    for root in (TASK_ROOT, os.path.realpath(TASK_ROOT)):
        root = root.rstrip("/")
        if root:
            text = text.replace(root + "/", AWS_TASK_ROOT + "/")
    # Interpreter paths only where they name a traceback frame's file.
    for prefix in (sys.base_prefix, sys.prefix):
        prefix = prefix.rstrip("/")
        if prefix:
            text = text.replace('File "%s/' % prefix, 'File "%s/' % AWS_LANG_ROOT)
    return text


def user_stack_trace(tb):
    """Format a traceback the way AWS does, minus this bootstrap's own frames."""
    frames = traceback.extract_tb(tb)
    this_file = os.path.abspath(__file__)
    while frames and os.path.abspath(frames[0].filename) == this_file:
        frames = frames[1:]
    return [to_aws_path(entry) for entry in traceback.format_list(frames)]


def make_error(message, error_type, stack_trace, request_id=""):
    # Key order matters: AWS responses are compared as text.
    return {
        "errorMessage": to_aws_path(message or ""),
        "errorType": error_type or "",
        "requestId": request_id or "",
        "stackTrace": stack_trace or [],
    }


def log_error(error):
    """Print the error the way the AWS runtime logs it for CloudWatch."""
    description = "[ERROR]"
    if error["errorType"]:
        description += " " + error["errorType"]
        if error["errorMessage"]:
            description += ":"
    if error["errorMessage"]:
        description += " " + error["errorMessage"]
    lines = [description, "Traceback (most recent call last):"]
    for entry in error["stackTrace"]:
        lines.extend(entry.splitlines())
    sys.stdout.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------
# Loading the handler
# --------------------------------------------------------------------------


def load_handler(handler_name):
    try:
        module_name, function_name = handler_name.rsplit(".", 1)
    except ValueError as e:
        raise RuntimeFault(
            "Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler_name, e)
        )

    if module_name.split(".")[0] in sys.builtin_module_names:
        raise RuntimeFault(
            "Runtime.BuiltInModuleConflict",
            "Cannot use built-in module %s as a handler module" % module_name,
        )
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise RuntimeFault(
            "Runtime.ImportModuleError",
            "Unable to import module '%s': %s" % (module_name, e),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise RuntimeFault(
            "Runtime.UserCodeSyntaxError",
            "Syntax error in module '%s': %s" % (module_name, e),
            [to_aws_path(entry) for entry in trace],
        )
    # Any other exception raised by module-level code propagates; AWS reports
    # it with the exception's own class name (see main()).

    try:
        return getattr(module, function_name)
    except AttributeError:
        raise RuntimeFault(
            "Runtime.HandlerNotFound",
            "Handler '%s' missing on module '%s'" % (function_name, module_name),
        )


# --------------------------------------------------------------------------
# The context object
# --------------------------------------------------------------------------


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client(object):
    __slots__ = [
        "installation_id",
        "app_title",
        "app_version_name",
        "app_version_code",
        "app_package_name",
    ]


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]


def _from_dict(cls, values):
    obj = cls()
    for name in cls.__slots__:
        setattr(obj, name, values.get(name) if isinstance(values, dict) else None)
    return obj


class LambdaContext(object):
    def __init__(self, request_id, deadline_ms, function_arn, client_context, identity):
        env = os.environ
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        # AWS passes the environment value through, i.e. a string like "128".
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline_ms = deadline_ms

        self.identity = _from_dict(CognitoIdentity, {})
        if identity is not None:
            self.identity.cognito_identity_id = identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")

        self.client_context = None
        if client_context is not None:
            self.client_context = _from_dict(ClientContext, client_context)
            if self.client_context.client is not None:
                self.client_context.client = _from_dict(Client, self.client_context.client)

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return "LambdaContext(aws_request_id=%s, function_name=%s, invoked_function_arn=%s)" % (
            self.aws_request_id,
            self.function_name,
            self.invoked_function_arn,
        )


def _parse_json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError as e:
        raise RuntimeFault(
            "Runtime.LambdaContextUnmarshalError",
            "Unable to parse %s JSON: %s" % (name, e),
        )


# --------------------------------------------------------------------------
# Invocation loop
# --------------------------------------------------------------------------


def handle_invocation(handler, headers, body):
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id", "")
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)

    error = None
    try:
        context = LambdaContext(
            request_id,
            int(headers.get("Lambda-Runtime-Deadline-Ms") or 0),
            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
            _parse_json_header(headers.get("Lambda-Runtime-Client-Context"), "Client Context"),
            _parse_json_header(headers.get("Lambda-Runtime-Cognito-Identity"), "Cognito Identity"),
        )
        content_type = headers.get("Content-Type") or "application/json"
        if content_type.startswith("application/json"):
            try:
                event = json.loads(body.decode("utf-8"))
            except ValueError as e:
                raise RuntimeFault("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
        else:
            event = body

        result = handler(event, context)

        if isinstance(result, bytes):
            # AWS sends bytes verbatim instead of JSON-encoding them.
            payload, payload_type = result, "application/unknown"
        else:
            try:
                payload = to_json(result).encode("utf-8")
                payload_type = "application/json"
            except Exception as e:
                raise RuntimeFault("Runtime.MarshalError", "Unable to marshal response: %s" % e)
    except RuntimeFault as e:
        error = make_error(e.message, e.error_type, e.stack_trace, request_id)
    except Exception as e:
        error = make_error(
            str(e), type(e).__name__, user_stack_trace(e.__traceback__), request_id
        )

    path = "/invocation/%s" % request_id
    if error is not None:
        log_error(error)
        post_json(path + "/error", error, error["errorType"])
    else:
        api_request("POST", path + "/response", payload, {"Content-Type": payload_type})


# --------------------------------------------------------------------------
# Process setup
# --------------------------------------------------------------------------


def make_streams_unbuffered():
    """Log lines must reach Stepstone immediately, even without ``-u``."""
    for name, fd in (("stdout", 1), ("stderr", 2)):
        old = getattr(sys, name)
        if getattr(old, "write_through", False) and isinstance(
            getattr(old, "buffer", None), io.RawIOBase
        ):
            continue  # already unbuffered (python -u / PYTHONUNBUFFERED)
        try:
            raw = io.FileIO(fd, "w", closefd=False)
            setattr(
                sys,
                name,
                io.TextIOWrapper(
                    raw, encoding="utf-8", errors=getattr(old, "errors", None) or "strict",
                    write_through=True,
                ),
            )
            old.flush()
        except (OSError, ValueError):
            pass


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        return True


class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time, like print() does."""

    def __init__(self):
        super().__init__(sys.stdout)

    def emit(self, record):
        self.stream = sys.stdout
        super().emit(record)


def setup_logging():
    """Give the root logger the handler and format AWS installs.

    As on AWS, the root logger gets a handler up front, so a user's
    ``logging.basicConfig()`` call is a no-op and the level stays WARNING
    unless AWS_LAMBDA_LOG_LEVEL is set.
    """
    formatter = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S",
    )
    formatter.converter = time.gmtime
    handler = _StdoutHandler()
    handler.setFormatter(formatter)
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    # Lambda's level names (TRACE..FATAL) mapped onto Python's.
    levels = {
        "TRACE": logging.DEBUG, "DEBUG": logging.DEBUG, "INFO": logging.INFO,
        "WARN": logging.WARNING, "WARNING": logging.WARNING, "ERROR": logging.ERROR,
        "FATAL": logging.CRITICAL, "CRITICAL": logging.CRITICAL,
    }
    level = levels.get((os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper())
    if level is not None:
        root.setLevel(level)


def main():
    global _current_request_id
    make_streams_unbuffered()
    setup_logging()
    # Python put this script's own directory first on sys.path; user code must
    # see the task root there instead, as on AWS.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") not in (here, TASK_ROOT)]
    sys.path.insert(0, TASK_ROOT)

    try:
        try:
            handler = load_handler(os.environ.get("_HANDLER", ""))
        except RuntimeFault as e:
            error = make_error(e.message, e.error_type, e.stack_trace)
        except Exception as e:
            # Module-level code raised: AWS reports the exception's class name.
            error = make_error(str(e), type(e).__name__, user_stack_trace(e.__traceback__))
        else:
            error = None
        if error is not None:
            log_error(error)
            try:
                post_json("/init/error", error, error["errorType"])
            finally:
                sys.exit(1)

        while True:
            status, headers, body = api_request("GET", "/invocation/next")
            if status != 200:
                raise RuntimeApiGone("next invocation: HTTP %d" % status)
            # Like AWS, log lines keep the last request id between invocations.
            _current_request_id = headers.get("Lambda-Runtime-Aws-Request-Id", "")
            handle_invocation(handler, headers, body)
    except RuntimeApiGone:
        # Stepstone shut the API down (or was never there): nothing to report.
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
