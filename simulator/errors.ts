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
  ATB_SCENARIO_INVALID: {
    message: '{path} is not a valid scenario:\n{problems}',
    exitCode: 2,
    httpStatus: 400,
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
