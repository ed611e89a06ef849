/**
 * What can go wrong talking to a hub. Drivers throw a `HubFault` for a failed attempt; the
 * runner decides whether to try again, and records every fault in the run log.
 */
export const FAULT_KINDS = [
  /** Nothing listens at the address. */
  'refused',
  /** No answer in time. */
  'timeout',
  /** The connection was dropped mid-request. */
  'reset',
  /** A 5xx answer. */
  'server-error',
  /** An answer that does not match the protocol (bad JSON, wrong shape). */
  'malformed',
  /** 413: the body was too large; a smaller batch may go through. */
  'too-large',
  /** A 4xx answer other than 413: the hub refused the request; repeating it will not help. */
  'refused-request',
  /** 401 or 403: the token is missing or wrong. */
  'unauthorised',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const RETRYABLE: ReadonlySet<FaultKind> = new Set([
  'refused',
  'timeout',
  'reset',
  'server-error',
  'malformed',
]);

export class HubFault extends Error {
  override readonly name = 'HubFault';
  readonly kind: FaultKind;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** Which call failed, e.g. `reads`. */
  readonly call: string;

  constructor(
    kind: FaultKind,
    call: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.call = call;
    this.status = options.status;
  }

  /** Whether trying the same request again may succeed. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function isHubFault(value: unknown): value is HubFault {
  return value instanceof HubFault;
}
