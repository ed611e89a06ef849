export { ENDPOINTS, EVENT_PUSH, pathOf, type Endpoint, type EndpointName } from './routes.js';
export * from './protocol.js';
export type {
  DriverFactory,
  DriverOptions,
  HubDriver,
  ReceivedEvent,
  SessionRequest,
} from './driver.js';
export { FAULT_KINDS, HubFault, isHubFault, type FaultKind } from './faults.js';
export { createHttpDriver, type HttpDriverOptions } from './http-driver.js';
export {
  CALLBACK_PATH,
  startPushReceiver,
  type PushReceiver,
  type PushReceiverOptions,
} from './push-receiver.js';
export { loadDriverModule } from './load-driver.js';
export { openApiDocument, openApiJson, openApiPath, writeOpenApi } from './openapi.js';
