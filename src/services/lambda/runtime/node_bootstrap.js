/**
 * Stepstone Node.js bootstrap: runs a user's Lambda handler as a local process.
 *
 * Stepstone starts this script (`node node_bootstrap.js`) with the working
 * directory and LAMBDA_TASK_ROOT set to the unpacked function code, _HANDLER
 * set to `file.export` (e.g. `index.handler` or `src/app.handlers.main`) and
 * AWS_LAMBDA_RUNTIME_API set to `host:port` of Stepstone's implementation of
 * the AWS Lambda Runtime API.
 *
 * The script then does what AWS's Node.js runtime does:
 *
 *   1. load the handler once (CommonJS or ES module), reporting failures to
 *      /runtime/init/error;
 *   2. loop forever: GET /runtime/invocation/next, call
 *      handler(event, context, callback), and POST the outcome to
 *      .../response or .../error.
 *
 * Async handlers, callback-style handlers, context.succeed/fail/done and the
 * "wait for the event loop to drain" rule are reproduced, as are AWS's error
 * types, messages and log line format, so recorded AWS outputs can be
 * compared verbatim. Only built-in modules are used (Node 18 to 22).
 */

'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const API_PREFIX = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const TASK_ROOT = path.resolve(process.env.LAMBDA_TASK_ROOT || process.cwd());
// AWS always unpacks code to /var/task and runs its runtime from
// /var/runtime/index.mjs; paths in traces and messages are rewritten to
// those so they read like the real service's.
const AWS_TASK_ROOT = '/var/task';
const AWS_RUNTIME_FILE = '/var/runtime/index.mjs';

const [API_HOST, API_PORT] = parseHostPort(process.env.AWS_LAMBDA_RUNTIME_API || '127.0.0.1:9001');

// Request id shown in log lines. Like AWS, it prints as "undefined" until the
// first invocation and keeps the last id between invocations.
let currentRequestId;
// What to do when the event loop drains during an invocation (see handleOnce).
let onBeforeExit = null;

// ---------------------------------------------------------------------------
// Runtime API client
// ---------------------------------------------------------------------------

/** Raised when Stepstone's Runtime API cannot be reached any more. */
class ApiGone extends Error {}

function parseHostPort(value) {
  const colon = value.lastIndexOf(':');
  const host = value.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return [host, Number(value.slice(colon + 1))];
}

/**
 * One request to the Runtime API. `agent: false` means one connection per
 * request and no idle keep-alive socket, so nothing of ours keeps the event
 * loop alive while a handler runs (the "empty event loop" rule relies on it).
 * No timeout: /invocation/next legitimately blocks until work arrives.
 */
function apiRequest(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const gone = (err) => reject(new ApiGone(String(err)));
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = http.request(
      {
        host: API_HOST,
        port: API_PORT,
        method,
        path: API_PREFIX + urlPath,
        agent: false,
        headers: Object.assign(payload ? { 'Content-Length': payload.length } : {}, headers),
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', gone);
      },
    );
    req.on('error', gone);
    req.end(payload);
  });
}

function postJson(urlPath, value, errorType) {
  const headers = { 'Content-Type': 'application/json' };
  if (errorType) {
    // Header values must be plain ASCII; an odd error name must not crash us.
    headers[ERROR_TYPE_HEADER] = String(errorType).replace(/[^\x20-\x7e]/g, '');
  }
  return apiRequest('POST', urlPath, JSON.stringify(value), headers);
}

// ---------------------------------------------------------------------------
// Logging: console.* prints "<time>\t<request id>\t<LEVEL>\t<message>"
// ---------------------------------------------------------------------------

const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };

function patchConsole() {
  const minimum = LEVELS[(process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || LEVELS.TRACE;
  const logger = (level) =>
    LEVELS[level] >= minimum
      ? (...args) => {
          const time = new Date().toISOString();
          process.stdout.write(`${time}\t${currentRequestId}\t${level}\t${util.format(...args)}\n`);
        }
      : () => {};
  console.trace = logger('TRACE');
  console.debug = logger('DEBUG');
  console.info = logger('INFO');
  console.log = console.info;
  console.warn = logger('WARN');
  console.error = logger('ERROR');
  console.fatal = logger('FATAL');
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Rewrites local paths in error text to the ones AWS would show. */
function awsPaths(text) {
  let out = String(text).split(__filename).join(AWS_RUNTIME_FILE);
  for (const root of new Set([TASK_ROOT, safeRealpath(TASK_ROOT)])) {
    if (root !== '/') out = out.split(root + '/').join(AWS_TASK_ROOT + '/');
  }
  return out;
}

function safeRealpath(p) {
  try {
    return fs.realpathSync(p);
  } catch (_) {
    return p;
  }
}

/** An Error whose name (and so the first line of its stack) is `name`. */
function runtimeError(name, message) {
  const NamedError = class extends Error {};
  NamedError.prototype.name = name;
  return new NamedError(message);
}

function isErrorLike(value) {
  return (
    util.types.isNativeError(value) ||
    Boolean(value && value.name && value.message && value.stack &&
      typeof value.name === 'string' && typeof value.message === 'string' && typeof value.stack === 'string')
  );
}

/** The body AWS's Node runtime posts for an error (key order matters). */
function errorResponse(err) {
  try {
    if (isErrorLike(err)) {
      return { errorType: err.name, errorMessage: awsPaths(err.message), trace: err.stack.split('\n').map(awsPaths) };
    }
    // Thrown non-Errors, e.g. `throw 'boom'` gives errorType "string".
    return { errorType: typeof err, errorMessage: err.toString(), trace: [] };
  } catch (_) {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** The JSON that follows e.g. "Invoke Error " in AWS's log line. */
function formatForLog(value) {
  const err = value instanceof Error ? value : new Error(value);
  try {
    return '\t' + JSON.stringify(err, (_key, v) => {
      if (!(v instanceof Error)) return v;
      const shown = Object.assign({ errorType: v.name, errorMessage: awsPaths(v.message), code: v.code }, v);
      if (typeof v.stack === 'string') shown.stack = v.stack.split('\n').map(awsPaths);
      return shown;
    });
  } catch (_) {
    return '\t' + JSON.stringify(errorResponse(err));
  }
}

// ---------------------------------------------------------------------------
// Loading the handler
// ---------------------------------------------------------------------------

/** `type` of the nearest package.json, which decides whether .js is ESM. */
function nearestPackageType(dir) {
  for (;;) {
    if (path.basename(dir) === 'node_modules') return undefined;
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')).type;
      } catch (_) {
        return undefined;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function importFile(file) {
  return import(pathToFileURL(file).href);
}

/** Whether a require() failure means "this file is an ES module". */
function isEsmRequireFailure(err) {
  if (!err) return false;
  if (err.code === 'ERR_REQUIRE_ESM' || err.code === 'ERR_REQUIRE_ASYNC_MODULE') return true;
  return err instanceof SyntaxError && /\b(import|export)\b|outside a module/.test(err.message);
}

async function loadModule(base, moduleRoot, moduleName) {
  const isFile = (file) => fs.existsSync(file) && fs.statSync(file).isFile();
  if (isFile(base + '.js')) {
    const file = base + '.js';
    if (nearestPackageType(path.dirname(file)) === 'module') return importFile(file);
    try {
      return require(file);
    } catch (err) {
      if (isEsmRequireFailure(err)) return importFile(file);
      throw err;
    }
  }
  if (isFile(base + '.mjs')) return importFile(base + '.mjs');
  if (isFile(base + '.cjs')) return require(base + '.cjs');
  // As AWS does, also accept an extensionless file or a directory (index.js)...
  if (fs.existsSync(base)) return require(base);
  // ...and finally Node's own resolution (e.g. a package in node_modules),
  // whose MODULE_NOT_FOUND error is the one AWS reports.
  return require(require.resolve(moduleName, { paths: [TASK_ROOT, moduleRoot] }));
}

async function loadHandler(handlerString) {
  if (handlerString.includes('..')) {
    throw runtimeError(
      'Runtime.MalformedHandlerName',
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  // "src/app.handlers.main" -> directory "src/", module "app", export path "handlers.main".
  const base = path.basename(handlerString);
  const moduleRoot = handlerString.slice(0, handlerString.length - base.length);
  const dot = base.indexOf('.');
  if (dot < 0) throw runtimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const moduleName = base.slice(0, dot);
  const exportPath = base.slice(dot + 1);

  let userModule;
  try {
    userModule = await loadModule(path.resolve(TASK_ROOT, moduleRoot, moduleName), moduleRoot, moduleName);
  } catch (err) {
    if (err instanceof SyntaxError) {
      const wrapped = runtimeError('Runtime.UserCodeSyntaxError', String(err));
      wrapped.stack = err.stack; // points at the offending source line
      throw wrapped;
    }
    if (err && err.code === 'MODULE_NOT_FOUND') {
      throw runtimeError('Runtime.ImportModuleError', String(err));
    }
    throw err; // anything else thrown by module-level code is reported as is
  }

  const handler = exportPath.split('.').reduce((obj, key) => obj && obj[key], userModule);
  if (!handler) throw runtimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw runtimeError('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  return handler;
}

// ---------------------------------------------------------------------------
// Invocations
// ---------------------------------------------------------------------------

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

/** Posts the outcome of one invocation. */
async function report(requestId, err, result) {
  const base = `/invocation/${encodeURIComponent(requestId)}`;
  if (err !== undefined && err !== null) {
    console.error('Invoke Error', formatForLog(err));
    const body = errorResponse(err);
    await postJson(base + '/error', body, body.errorType);
    return;
  }
  let json;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch (_) {
    await report(requestId, new Error('Unable to stringify response body'));
    return;
  }
  await apiRequest('POST', base + '/response', json === undefined ? 'null' : json, {
    'Content-Type': 'application/json',
  });
}

// The handler is called as a method of a `Runtime` object, as on AWS, so
// `this` and stack frame names (e.g. "at Runtime.handler") match.
class Runtime {
  constructor(handler) {
    this.handler = handler;
    this.handlerIsAsync = Boolean(handler.constructor && handler.constructor.name === 'AsyncFunction');
  }

  /** Fetches one invocation, runs the handler and reports its outcome. */
  async handleOnce() {
    const { status, headers, body } = await apiRequest('GET', '/invocation/next');
    if (status !== 200) throw new ApiGone(`next invocation: HTTP ${status}`);
    const requestId = headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    if (headers['lambda-runtime-trace-id']) {
      process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    } else {
      delete process.env._X_AMZN_TRACE_ID;
    }

    await new Promise((resolve, reject) => {
      const finish = (err, result) => {
        onBeforeExit = null;
        report(requestId, err, result).then(resolve, reject);
      };

      // Only the first of callback / succeed / fail / done counts.
      let settled = false;
      let waitForEmptyEventLoop = true;
      const done = (err, result) => {
        if (settled) return;
        settled = true;
        finish(err, result);
      };
      const callback = (err, result) => {
        if (settled) return;
        settled = true;
        if (err !== undefined && err !== null) return finish(err);
        if (!waitForEmptyEventLoop) return finish(null, result);
        // AWS sends a callback's result only once the event loop has drained
        // (timers, sockets...), unless callbackWaitsForEmptyEventLoop = false.
        onBeforeExit = () => setImmediate(() => finish(null, result));
      };
      const succeed = (result) => done(null, result);
      const fail = (err) => done(err === undefined || err === null ? 'handled' : err, null);

      // If the loop drains before the handler reported anything: an async
      // handler whose promise can never settle is an error; a plain function
      // that just returned (without calling back) succeeds with null.
      onBeforeExit = () => {
        settled = true;
        finish(this.handlerIsAsync ? runtimeError('Runtime.NodeJsExit', 'Error: Runtime exited without providing a reason') : null, null);
      };

      let returned;
      try {
        const deadline = Number(headers['lambda-runtime-deadline-ms']);
        const context = {
          get callbackWaitsForEmptyEventLoop() {
            return waitForEmptyEventLoop;
          },
          set callbackWaitsForEmptyEventLoop(value) {
            waitForEmptyEventLoop = value;
          },
          succeed,
          fail,
          done,
          functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
          functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
          memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
          logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
          logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
          clientContext: parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
          identity: parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
          invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
          awsRequestId: requestId,
          getRemainingTimeInMillis: () => deadline - Date.now(),
        };
        returned = this.handler(JSON.parse(body.toString('utf8')), context, callback);
      } catch (err) {
        callback(err);
        return;
      }
      if (returned && typeof returned.then === 'function') {
        returned.then(succeed, fail);
      }
    });
  }
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

/** Reports an error that escaped the handler, then ends the process. */
function reportFatal(err, exitCode) {
  const body = errorResponse(err);
  const target = currentRequestId === undefined ? '/init/error' : `/invocation/${encodeURIComponent(currentRequestId)}/error`;
  postJson(target, body, body.errorType).then(
    () => process.exit(exitCode),
    () => process.exit(exitCode),
  );
}

async function main() {
  patchConsole();

  process.on('uncaughtException', (err) => {
    console.error('Uncaught Exception', formatForLog(err));
    reportFatal(err, 129);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const err = runtimeError('Runtime.UnhandledPromiseRejection', String(reason));
    err.reason = reason;
    err.promise = promise;
    console.error('Unhandled Promise Rejection', formatForLog(err));
    reportFatal(err, 128);
  });
  process.on('beforeExit', () => {
    const action = onBeforeExit;
    onBeforeExit = null;
    if (action) action();
  });

  let handler;
  try {
    handler = await loadHandler(process.env._HANDLER || '');
  } catch (err) {
    console.error('Uncaught Exception', formatForLog(err));
    reportFatal(err, 129);
    return;
  }

  const runtime = new Runtime(handler);
  for (;;) {
    await runtime.handleOnce();
  }
}

main().catch((err) => {
  if (err instanceof ApiGone) process.exit(0); // Stepstone went away: nothing to report
  process.stderr.write(`stepstone bootstrap failure: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
