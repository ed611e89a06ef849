import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { isRecord } from '../scenario/document.js';
import {
  Alert,
  Dispatch,
  EventPage,
  EventPush,
  JourneyFlag,
  StandDown,
  type HubEvent,
} from './protocol.js';

/**
 * Whether a message from a hub has the shape the protocol gives it, and if not, what
 * is wrong, in words a hub team can act on. Events are checked one by one, so that
 * one bad event costs only itself and never the page or push it came in.
 */

/** One way a value breaks a schema: a JSON pointer into the value and what is wrong there. */
export interface ShapeProblem {
  path: string;
  message: string;
}

const MAX_PROBLEMS = 5;
const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkerFor(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** The first few ways `value` breaks `schema`; none when it fits. */
export function shapeProblems(schema: TSchema, value: unknown): ShapeProblem[] {
  const check = checkerFor(schema);
  if (check.Check(value)) return [];
  const problems: ShapeProblem[] = [];
  for (const error of check.Errors(value)) {
    const path = error.path || '/';
    // TypeBox reports a missing member twice: as missing, then as the wrong type.
    if (problems.some((p) => p.path === path)) continue;
    problems.push({ path, message: `${error.message}${got(error.value)}` });
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

function got(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 40 ? '' : ` (got ${text})`;
}

/** `/accepted: Expected integer (got "3"); /rejected: Expected array` */
export function describeProblems(problems: readonly ShapeProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

/** A page of pulled events, with the events themselves left to be checked one by one. */
export const EventPageEnvelope = Type.Object(
  { ...EventPage.properties, events: Type.Array(Type.Unknown()) },
  { additionalProperties: false },
);

/** A push from the hub, with the events left to be checked one by one. */
export const EventPushEnvelope = Type.Object(
  { ...EventPush.properties, events: Type.Array(Type.Unknown(), { minItems: 1 }) },
  { additionalProperties: false },
);

const EVENT_SCHEMAS: Readonly<Record<HubEvent['type'], TSchema>> = {
  alert: Alert,
  dispatch: Dispatch,
  'stand-down': StandDown,
  'impossible-journey': JourneyFlag,
};

/**
 * Why a value is not a hub event. It is checked against the kind of event its `type`
 * names, because a union's own errors say only that no kind fits.
 */
export function eventProblems(value: unknown): ShapeProblem[] {
  const type = isRecord(value) ? value.type : undefined;
  if (typeof type === 'string' && Object.hasOwn(EVENT_SCHEMAS, type)) {
    return shapeProblems(EVENT_SCHEMAS[type as HubEvent['type']], value);
  }
  const known = Object.keys(EVENT_SCHEMAS).join(', ');
  return [{ path: '/type', message: `Expected one of ${known}${got(type)}` }];
}

export interface SortedEvents {
  events: HubEvent[];
  /** One line for each value that is not an event, naming it and what is wrong. */
  rejected: string[];
  /** Every problem found, with paths from the start of the list (`/3/readId`). */
  problems: ShapeProblem[];
}

/** Splits a list from a hub into the events that fit the protocol and those that do not. */
export function sortEvents(values: readonly unknown[]): SortedEvents {
  const sorted: SortedEvents = { events: [], rejected: [], problems: [] };
  values.forEach((value, index) => {
    const problems = eventProblems(value);
    if (problems.length === 0) {
      sorted.events.push(value as HubEvent);
      return;
    }
    sorted.rejected.push(
      `event ${index}${idOf(value)} is malformed: ${describeProblems(problems)}`,
    );
    for (const p of problems) sorted.problems.push({ ...p, path: `/${index}${pointerTail(p)}` });
  });
  return sorted;
}

function idOf(value: unknown): string {
  const id = isRecord(value) ? value.eventId : undefined;
  return typeof id === 'string' ? ` (${id.slice(0, 128)})` : '';
}

function pointerTail(problem: ShapeProblem): string {
  return problem.path === '/' ? '' : problem.path;
}
