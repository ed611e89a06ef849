import { join } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { writeGeneratedFile } from '../generated-file.js';
import { packageRoot } from '../paths.js';
import { isRecord } from '../scenario/document.js';
import { formatJson } from '../scenario/json-text.js';
import { BASE_PATH, PROTOCOL_VERSION, SessionStart } from './protocol.js';
import { ENDPOINTS, EVENT_PUSH, type Endpoint, type EndpointName } from './routes.js';
import { NAMED_SCHEMAS, schemaName } from './schema-names.js';

/**
 * The Hub API as an OpenAPI 3.1 document, written from the same endpoint table and
 * schemas the driver and the hubs use, so the published contract cannot say
 * something the code does not. `npm run openapi` rewrites
 * `harness/hub-api/openapi.json`; a test keeps the committed file the same as this.
 */

type Json = Record<string, unknown>;

const DESCRIPTION = `The protocol between anpr-testbed (the harness) and an ANPR \
hub under test. The harness plays a simulated world into the hub (camera sites, \
hotlist changes, reads, police units) and scores what the hub does with it (alerts, \
dispatches, impossible-journey flags).

**A session.** \`GET ${BASE_PATH}/hub\` says what the hub supports. \`POST \
${BASE_PATH}/sessions\` starts a run; \`PUT …/cameras\` then sends the camera \
sites, and \`POST …/hotlist\`, \`…/reads\` and \`…/units\` carry the world in time \
order while it runs. \`DELETE ${BASE_PATH}/sessions/{sessionId}\` ends it. The \
harness makes one call at a time.

**Time.** Every time in a message is simulated time (ISO 8601, UTC, milliseconds). \
In \`virtual\` mode the hub's clock moves only when the harness calls \`POST \
…/clock\`: the hub must take the time from there, never from its own wall clock, \
and answer only once it has processed everything sent before \`now\` and raised \
(and in push delivery, posted) every event due by then. A run goes as fast as the \
hub allows. In \`real\` mode simulated time follows the wall clock at \`speed\` \
from \`startAt\`, and the clock is not called.

**Events.** In \`push\` delivery the hub posts events to the session's \
\`callbackUrl\` (see the \`eventPush\` webhook) with the \`callbackToken\` as a \
bearer token. In \`pull\` delivery the harness polls \`GET …/events\` with the \
cursor of the previous page until a page is empty.

**Idempotency.** Every message can be sent twice, since the harness retries a call \
that failed in transit. A \`readId\` seen before counts as accepted and is not \
processed again; a \`changeId\` seen before is ignored; the harness ignores an \
\`eventId\` it has seen.

**Auth and errors.** Every endpoint but \`/health\` needs \`Authorization: Bearer \
<token>\`. Errors are \`application/problem+json\` (RFC 9457); a 400 lists every \
member at fault in \`errors\`. A 413 means the body or batch was too large and a \
smaller one may go through.`;

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

/** The document as a value; `openApiJson()` gives its text. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'anpr-testbed Hub API',
      version: PROTOCOL_VERSION,
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The hub, wherever it is deployed' }],
    paths: paths(),
    webhooks: { eventPush: { post: pushOperation() } },
    components: {
      schemas: componentSchemas(),
      parameters: { SessionId: sessionIdParameter() },
      responses: PROBLEM_RESPONSES,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

export function openApiJson(): string {
  return formatJson(openApiDocument());
}

export function openApiPath(): string {
  return join(packageRoot(), 'harness', 'hub-api', 'openapi.json');
}

export async function writeOpenApi(path = openApiPath()): Promise<void> {
  await writeGeneratedFile(path, openApiJson());
}

/** `/v1/sessions/:sessionId/reads` becomes `/v1/sessions/{sessionId}/reads`. */
export function openApiPathOf(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function paths(): Json {
  const byPath: Record<string, Json> = {};
  for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
    const endpoint: Endpoint = ENDPOINTS[name];
    const operations = (byPath[openApiPathOf(endpoint.path)] ??= {});
    operations[endpoint.method.toLowerCase()] = operation(name, endpoint);
  }
  return byPath;
}

function operation(name: EndpointName, endpoint: Endpoint): Json {
  const parameters = [
    ...(endpoint.path.includes(':sessionId') ? [ref('parameters', 'SessionId')] : []),
    ...queryParameters(endpoint.query),
  ];
  return {
    operationId: name,
    summary: endpoint.summary,
    description: endpoint.description,
    security: endpoint.auth ? [{ hubToken: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body ? { requestBody: jsonBody(endpoint.body) } : {}),
    responses: { ...success(endpoint), ...problems(name, endpoint) },
  };
}

function success(endpoint: Endpoint): Json {
  if (!endpoint.response) return { [endpoint.status]: { description: 'Done; no body' } };
  const plain = plainSchema(endpoint.response);
  const named = `A ${schemaName(endpoint.response) ?? 'result'}`;
  const description = typeof plain.description === 'string' ? plain.description : named;
  const content = { [JSON_TYPE]: { schema: schemaRef(endpoint.response) } };
  return { [endpoint.status]: { description, content } };
}

/** The failures an endpoint can answer with, each a problem. */
function problems(name: EndpointName, endpoint: Endpoint): Json {
  const responses: Json = {};
  if (endpoint.body || endpoint.query) responses['400'] = ref('responses', 'BadRequest');
  if (endpoint.auth) responses['401'] = ref('responses', 'Unauthorised');
  if (endpoint.path.includes(':sessionId')) responses['404'] = ref('responses', 'NoSession');
  if (name === 'startSession') responses['409'] = ref('responses', 'SessionInProgress');
  if (endpoint.body) responses['413'] = ref('responses', 'TooLarge');
  responses['5XX'] = ref('responses', 'ServerError');
  return responses;
}

function pushOperation(): Json {
  return {
    operationId: 'pushEvents',
    summary: EVENT_PUSH.summary,
    description: EVENT_PUSH.description,
    security: [{ callbackToken: [] }],
    requestBody: jsonBody(EVENT_PUSH.body),
    responses: {
      '204': { description: 'Received' },
      '400': ref('responses', 'BadRequest'),
      '401': ref('responses', 'Unauthorised'),
      '413': ref('responses', 'TooLarge'),
    },
  };
}

function jsonBody(schema: TSchema): Json {
  return { required: true, content: { [JSON_TYPE]: { schema: schemaRef(schema) } } };
}

function queryParameters(query: TSchema | undefined): Json[] {
  if (!query) return [];
  const plain = plainSchema(query);
  const properties = isRecord(plain.properties) ? plain.properties : {};
  const required = Array.isArray(plain.required) ? plain.required : [];
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema as Json;
    return {
      name,
      in: 'query',
      required: required.includes(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

function sessionIdParameter(): Json {
  const { description, ...schema } = plainSchema(SessionStart.properties.sessionId);
  return { name: 'sessionId', in: 'path', required: true, description, schema };
}

const PROBLEM_RESPONSES: Json = {
  BadRequest: problemResponse(
    'The message does not fit the protocol; `errors` lists every member at fault',
  ),
  Unauthorised: problemResponse('The bearer token is missing or wrong'),
  NoSession: problemResponse('No session with this id is in progress'),
  SessionInProgress: problemResponse('A session with this id is in progress'),
  TooLarge: problemResponse(
    'The body is over `maxBodyBytes`, or the batch over `maxReadsPerBatch`; a smaller one ' +
      'may go through',
  ),
  ServerError: problemResponse('The hub failed; the same request may succeed later'),
};

function problemResponse(description: string): Json {
  return { description, content: { [PROBLEM_TYPE]: { schema: ref('schemas', 'Problem') } } };
}

const SECURITY_SCHEMES: Json = {
  hubToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The token the hub issues to the harness, given as `--token`',
  },
  callbackToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The `callbackToken` of the session start, sent by the hub with every push',
  },
};

function ref(kind: 'schemas' | 'responses' | 'parameters', name: string): Json {
  return { $ref: `#/components/${kind}/${name}` };
}

function schemaRef(schema: TSchema): Json {
  const name = schemaName(schema);
  if (name === undefined) throw new Error('Every schema of an endpoint must be named');
  return ref('schemas', name);
}

/** A TypeBox schema as plain JSON Schema: its symbol keys dropped. */
function plainSchema(schema: TSchema): Json {
  return JSON.parse(JSON.stringify(schema)) as Json;
}

/**
 * Every named schema, with each part that is itself a named schema replaced by a
 * reference to it. TypeBox copies a schema into those it is part of, so parts are found
 * by their JSON text rather than by identity.
 */
function componentSchemas(): Json {
  const entries = Object.entries(NAMED_SCHEMAS).map(([name, s]) => [name, plainSchema(s)] as const);
  const nameOf = new Map(entries.map(([name, plain]) => [JSON.stringify(plain), name]));
  const withRefs = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => withRefs(item, false));
    if (!isRecord(node)) return node;
    const name = top ? undefined : nameOf.get(JSON.stringify(node));
    if (name !== undefined) return ref('schemas', name);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withRefs(v, false)]));
  };
  const schemas = Object.fromEntries(entries.map(([name, plain]) => [name, withRefs(plain, true)]));
  for (const [union, property] of Object.entries(DISCRIMINATORS)) {
    const schema = schemas[union] as Json;
    schema.discriminator = discriminator(schema.anyOf as Json[], property, schemas);
  }
  return schemas;
}

/** The unions a code generator can tell apart by one member, and that member. */
const DISCRIMINATORS: Readonly<Record<string, string>> = {
  HotlistChange: 'action',
  HubEvent: 'type',
};

/** Which variant of a union (each a reference) each value of the member names. */
function discriminator(variants: readonly Json[], property: string, schemas: Json): Json {
  const mapping: Record<string, string> = {};
  for (const { $ref } of variants) {
    const variant = schemas[String($ref).replace('#/components/schemas/', '')] as Json;
    const member = (variant.properties as Record<string, Json>)[property];
    mapping[String(member?.const)] = String($ref);
  }
  return { propertyName: property, mapping };
}
