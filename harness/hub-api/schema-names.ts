import type { TSchema } from '@sinclair/typebox';
import * as protocol from './protocol.js';
import { ENDPOINTS } from './routes.js';

/**
 * The protocol's schemas by name: the components of the OpenAPI document, and the
 * words the driver uses when an answer does not fit (`does not match SessionState`).
 * Listed parts before wholes, in the order protocol.ts gives them.
 */
export const NAMED_SCHEMAS: Readonly<Record<string, TSchema>> = {
  LonLat: protocol.LonLat,
  Vrm: protocol.Vrm,
  Priority: protocol.Priority,
  ProblemField: protocol.ProblemField,
  Problem: protocol.Problem,
  Health: ENDPOINTS.health.response,
  HubInfo: protocol.HubInfo,
  SessionStart: protocol.SessionStart,
  SessionState: protocol.SessionState,
  CameraSite: protocol.CameraSite,
  CameraRegistry: protocol.CameraRegistry,
  HotlistEntry: protocol.HotlistEntry,
  HotlistUpsert: protocol.HotlistUpsert,
  HotlistRemove: protocol.HotlistRemove,
  HotlistChange: protocol.HotlistChange,
  HotlistChanges: protocol.HotlistChanges,
  Read: protocol.Read,
  ReadBatch: protocol.ReadBatch,
  ReadRejection: protocol.ReadRejection,
  ReadsAccepted: protocol.ReadsAccepted,
  UnitReport: protocol.UnitReport,
  UnitReports: protocol.UnitReports,
  ClockAdvance: protocol.ClockAdvance,
  Alert: protocol.Alert,
  Dispatch: protocol.Dispatch,
  StandDown: protocol.StandDown,
  JourneyFlag: protocol.JourneyFlag,
  HubEvent: protocol.HubEvent,
  EventPage: protocol.EventPage,
  EventPush: protocol.EventPush,
};

const names = new Map(Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [schema, name]));

/** The name of one of the protocol's schemas, or undefined for any other schema. */
export function schemaName(schema: TSchema): string | undefined {
  return names.get(schema);
}
