import type { FastifyError } from 'fastify';
import type { Problem } from '../harness/hub-api/protocol.js';
import { isTestbedError, TestbedError } from '../simulator/errors.js';

/** Fields listed in one answer; the detail gives the total when there are more. */
const MAX_FIELDS = 100;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  500: 'Internal error',
};

/** A problem (RFC 9457) for one of the project's errors. */
export function problemOf(err: TestbedError, instance?: string): Problem {
  return {
    type: `urn:anpr-testbed:problem:${err.code}`,
    title: TITLES[err.httpStatus] ?? 'Error',
    status: err.httpStatus,
    detail: err.message,
    ...(instance === undefined ? {} : { instance }),
  };
}

interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** What the JSON Schema checker said, as fields named by JSON pointer. */
export function fieldsOf(errors: readonly SchemaError[]): { path: string; message: string }[] {
  return withoutOtherBranches(errors).map((e) => {
    const member =
      e.keyword === 'required'
        ? e.params.missingProperty
        : e.keyword === 'additionalProperties'
          ? e.params.additionalProperty
          : undefined;
    const path = typeof member === 'string' ? `${e.instancePath}/${member}` : e.instancePath;
    return { path, message: e.message ?? e.keyword };
  });
}

/**
 * A union such as a hotlist change (upsert or remove) fails in every branch when it
 * fails at all. A branch whose constant (the `action`) does not match is not the one
 * meant, so its complaints, and the union's own, only hide the real fault.
 */
function withoutOtherBranches(errors: readonly SchemaError[]): readonly SchemaError[] {
  const branchOf = (e: SchemaError): string | null =>
    /^(.*\/anyOf\/\d+)\//.exec(e.schemaPath)?.[1] ?? null;
  const unmeant = new Set(
    errors
      .filter((e) => e.keyword === 'const')
      .map(branchOf)
      .filter((b) => b !== null),
  );
  if (unmeant.size === 0) return errors;
  const kept = errors.filter((e) => {
    const branch = branchOf(e);
    return branch === null ? e.keyword !== 'anyOf' : !unmeant.has(branch);
  });
  return kept.length > 0 ? kept : errors;
}

/**
 * Any error met while answering a request, as the problem to answer with. Errors the
 * hub does not recognise are internal: their message stays in the log, never the
 * answer.
 */
export function problemFor(err: unknown, url: string, maxBodyBytes: number): Problem {
  if (isTestbedError(err)) return problemOf(err, url);
  const fastifyError = (err ?? {}) as Partial<FastifyError>;
  if (fastifyError.validation) return invalid(fastifyError, url);
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) {
    return problemOf(
      new TestbedError('ATB_HUB_BODY_TOO_LARGE', { max: String(maxBodyBytes) }),
      url,
    );
  }
  if (status >= 400 && status < 500) {
    return {
      type: `urn:anpr-testbed:problem:${fastifyError.code ?? 'ATB_HUB_BODY_INVALID'}`,
      title: TITLES[status] ?? 'Bad request',
      status,
      detail: fastifyError.message ?? 'The request was refused',
      instance: url,
    };
  }
  return {
    type: 'urn:anpr-testbed:problem:ATB_HUB_INTERNAL',
    title: TITLES[500]!,
    status: 500,
    detail: 'The hub failed to answer; its log has the cause',
    instance: url,
  };
}

function invalid(err: Partial<FastifyError>, url: string): Problem {
  const fields = fieldsOf(err.validation ?? []);
  const where = err.validationContext === 'body' ? 'The body' : `The ${err.validationContext}`;
  const first = fields[0];
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  const detail = first
    ? `${where} is invalid at ${first.path || '/'}: ${first.message}${more}`
    : `${where} is invalid`;
  return {
    ...problemOf(new TestbedError('ATB_HUB_BODY_INVALID', { detail }), url),
    errors: fields.slice(0, MAX_FIELDS),
  };
}
