/**
 * Every error the project reports to a user lives here, under a stable code. Callers throw
 * `new TestbedError('ATB_…', details)`; the CLI prints the message and exits with the code's
 * exit status, and the servers answer with its HTTP status.
 */

interface ErrorDefinition {
  /** A message template; `{name}` is filled from the details. */
  message: string;
  /** 2 for a user's mistake (usage, input), 1 for a failure of the thing under test. */
  exitCode: 1 | 2;
  httpStatus: number;
}

const definitions = {
  ATB_CLI_USAGE: { message: '{detail}', exitCode: 2, httpStatus: 400 },
  ATB_FILE_NOT_FOUND: { message: 'File not found: {path}', exitCode: 2, httpStatus: 404 },
  ATB_FILE_UNREADABLE: { message: 'Cannot read {path}: {reason}', exitCode: 2, httpStatus: 400 },
  ATB_FILE_UNWRITABLE: { message: 'Cannot write {path}: {reason}', exitCode: 2, httpStatus: 500 },
  ATB_JSON_MALFORMED: {
    message: '{path} is not valid JSON: {reason}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_GEOJSON_INVALID: {
    message: '{path} is not a valid {what}:\n{problems}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_NETWORK_EMPTY: {
    message: 'The network in {path} has no usable roads',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_NETWORK_UNKNOWN_PLACE: {
    message: 'Unknown place "{name}"{hint}',
    exitCode: 2,
    httpStatus: 404,
  },
  ATB_NETWORK_UNREACHABLE: {
    message: 'No route from {from} to {to}: {reason}',
    exitCode: 2,
    httpStatus: 422,
  },
  ATB_OSM_INVALID: { message: 'Cannot import {path}: {reason}', exitCode: 2, httpStatus: 400 },
  ATB_OFFENDERS_GROUP_REPEATED: {
    message: 'Offender group "{name}" is named more than once; group names must be unique',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_VEHICLES_OPTION_INVALID: {
    message: 'Invalid vehicle registry option {name}: expected {expected}, got {value}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_VEHICLES_DATE_UNSUPPORTED: {
    message: 'Cannot make registration marks for {at}: {reason}',
    exitCode: 2,
    httpStatus: 422,
  },
  ATB_DRIVER_NOT_FOUND: {
    message: 'Driver module {path} does not exist',
    exitCode: 2,
    httpStatus: 404,
  },
  ATB_DRIVER_INVALID: {
    message: 'Driver module {path} is not usable: {reason}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_DRIVER_FAILED: {
    message: 'Driver module {path} failed to create a driver: {reason}',
    exitCode: 1,
    httpStatus: 502,
  },
  ATB_DRIVER_CALLBACK_UNAVAILABLE: {
    message: 'Cannot listen for pushed events on {host}:{port}: {reason}',
    exitCode: 2,
    httpStatus: 500,
  },
  ATB_DRIVER_OPTION_INVALID: {
    message: 'Invalid HTTP driver option {name}: expected {expected}, got {value}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_RUN_FAILED: { message: '{detail}', exitCode: 1, httpStatus: 500 },
  ATB_EXPORT_TARGET_UNKNOWN: {
    message: 'Cannot export to "{target}": the export targets are {known}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_EXPORT_OPTION_INVALID: {
    message: 'Invalid export option {name}: expected {expected}, got {value}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_EXPORT_NO_READS: {
    message: 'Nothing to export: {path} has no reads from {start} to {end}',
    exitCode: 2,
    httpStatus: 422,
  },
  ATB_LOAD_OPTION_INVALID: {
    message: 'Invalid load option {name}: expected {expected}, got {value}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_LOAD_NO_READS: {
    message: 'Scenario {path} gives no reads to send: {reason}',
    exitCode: 2,
    httpStatus: 422,
  },
  ATB_LOAD_HUB_UNREACHABLE: {
    message: 'Cannot reach the hub at {url}: {reason}',
    exitCode: 1,
    httpStatus: 502,
  },
  ATB_LOAD_HUB_REFUSED: {
    message: 'The hub at {url} refused to set up the load test: {reason}',
    exitCode: 1,
    httpStatus: 502,
  },
  ATB_LOAD_HUB_LOST: {
    message: 'The hub at {url} stopped answering {atS} s into the load test: {reason}',
    exitCode: 1,
    httpStatus: 502,
  },
  ATB_LOAD_FAILED: { message: '{detail}', exitCode: 1, httpStatus: 500 },
  ATB_SCENARIO_INVALID: {
    message: '{path} is not a valid scenario:\n{problems}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_HUB_OPTION_INVALID: {
    message: 'Invalid hub option {name}: expected {expected}, got {value}',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_HUB_SESSION_UNKNOWN: {
    message: 'There is no session "{sessionId}"; start one with POST /v1/sessions',
    exitCode: 2,
    httpStatus: 404,
  },
  ATB_HUB_SESSION_IN_USE: {
    message: 'Session "{sessionId}" is running; end it before starting another with its id',
    exitCode: 2,
    httpStatus: 409,
  },
  ATB_HUB_CALLBACK_MISSING: {
    message: 'Push delivery needs a callbackUrl to post events to',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_HUB_TIME_INVALID: {
    message: '{path} must be an ISO 8601 time such as 2026-11-12T21:04:05.123Z; got "{value}"',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_HUB_CURSOR_INVALID: {
    message: 'The cursor must be one this hub gave out (a whole number) or empty; got "{cursor}"',
    exitCode: 2,
    httpStatus: 400,
  },
  ATB_HUB_BATCH_TOO_LARGE: {
    message: 'A batch may hold at most {max} reads; this one holds {count}',
    exitCode: 2,
    httpStatus: 413,
  },
  ATB_HUB_BODY_TOO_LARGE: {
    message: 'The body is larger than the {max} bytes this hub accepts',
    exitCode: 2,
    httpStatus: 413,
  },
  ATB_HUB_BODY_INVALID: { message: '{detail}', exitCode: 2, httpStatus: 400 },
  ATB_HUB_UNAUTHORISED: { message: '{detail}', exitCode: 2, httpStatus: 401 },
  ATB_HUB_NOT_FOUND: { message: 'No endpoint {method} {url}', exitCode: 2, httpStatus: 404 },
  ATB_HUB_PORT_IN_USE: {
    message: 'Port {port} on {host} is in use; choose another with --port',
    exitCode: 2,
    httpStatus: 500,
  },
  ATB_HUB_LISTEN_FAILED: {
    message: 'Cannot listen on {host}:{port}: {reason}',
    exitCode: 2,
    httpStatus: 500,
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof definitions;

export class TestbedError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: 1 | 2;
  readonly httpStatus: number;
  readonly details: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, details: Record<string, string> = {}, options?: ErrorOptions) {
    const definition: ErrorDefinition = definitions[code];
    super(fill(definition.message, details), options);
    this.name = 'TestbedError';
    this.code = code;
    this.exitCode = definition.exitCode;
    this.httpStatus = definition.httpStatus;
    this.details = details;
  }
}

export function isTestbedError(value: unknown): value is TestbedError {
  return value instanceof TestbedError;
}

function fill(template: string, details: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => details[key] ?? whole);
}
