import { STATUS_CODES } from 'node:http';
import { isRecord } from '../scenario/document.js';
import { HubFault, type FaultKind } from './faults.js';
import { describeProblems, shapeProblems, type ShapeProblem } from './shape.js';
import { ProblemField } from './protocol.js';

/**
 * How an HTTP exchange with a hub fails, as the `HubFault` the runner understands:
 * by the error code of the connection (Node's and undici's), or by the status of the
 * answer.
 */

const TRANSPORT_KINDS: Readonly<Record<string, FaultKind>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'refused',
  EAI_AGAIN: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_ABORTED: 'reset',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'malformed',
};

const MAX_QUOTE = 300;

/**
 * The fault for an exchange that broke before a whole answer came. Any other system
 * error of the socket counts as a broken connection; errors without a code, and
 * undici's own that are not listed, are failures of the program, thrown on unchanged.
 */
export function transportFault(call: string, target: string, err: unknown): HubFault {
  const code = errorCode(err);
  const kind = code === undefined ? undefined : (TRANSPORT_KINDS[code] ?? systemKind(code));
  if (code === undefined || kind === undefined) throw err;
  const reason = err instanceof Error && err.message !== '' ? `${err.message} (${code})` : code;
  return new HubFault(kind, call, transportMessage(kind, call, target, reason), { cause: err });
}

function transportMessage(kind: FaultKind, call: string, target: string, reason: string): string {
  if (kind === 'refused') return `${call}: cannot connect to ${target}: ${reason}`;
  if (kind === 'timeout') return `${call}: no answer from ${target} in time: ${reason}`;
  if (kind === 'malformed') return `${call}: the answer from ${target} is malformed: ${reason}`;
  return `${call}: the connection to ${target} broke: ${reason}`;
}

function systemKind(code: string): FaultKind | undefined {
  return /^E[A-Z]+$/.test(code) ? 'reset' : undefined;
}

/** The code of a system or undici error, looking inside the wrappers Node puts round them. */
function errorCode(err: unknown): string | undefined {
  if (!isRecord(err)) return undefined;
  if (typeof err.code === 'string') return err.code;
  const inner = Array.isArray(err.errors) ? (err.errors as unknown[])[0] : err.cause;
  return inner === undefined ? undefined : errorCode(inner);
}

/** The fault for an answer whose status is not a success; `text` is its body. */
export function statusFault(call: string, status: number, text: string): HubFault {
  const said = `${call}: the hub answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
  const message = `${said}${explanation(text)}`;
  return new HubFault(statusKind(status), call, message, { status });
}

function statusKind(status: number): FaultKind {
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 413) return 'too-large';
  if (status >= 400 && status < 500) return 'refused-request';
  if (status >= 500 && status < 600) return 'server-error';
  return 'malformed';
}

/**
 * What the hub said about the failure. A problem (RFC 9457) gives its title, detail
 * and field errors; other JSON the common `error` and `message`; anything else is
 * quoted.
 */
function explanation(text: string): string {
  const said = parseJson(text);
  if (!isRecord(said)) return text.trim() === '' ? '' : `: ${quote(text.trim())}`;
  const title = stringOf(said.title) ?? stringOf(said.error);
  const detail = stringOf(said.detail) ?? stringOf(said.message);
  const words = [title, detail].filter((p) => p !== undefined && p !== '').join(': ');
  const fields = fieldErrors(said.errors);
  return `${words === '' ? '' : `: ${quote(words)}`}${fields === '' ? '' : ` [${fields}]`}`;
}

function fieldErrors(errors: unknown): string {
  if (!Array.isArray(errors)) return '';
  const problems = errors.filter((e) => shapeProblems(ProblemField, e).length === 0);
  return quote(describeProblems(problems as ShapeProblem[]));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function quote(text: string): string {
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
}
