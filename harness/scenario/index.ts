export {
  BUNDLED_NETWORK,
  loadScenario,
  parseScenarioYaml,
  validateScenarioDocument,
  type LoadedScenario,
} from './load.js';
export { scenarioJsonSchema, scenarioSchemaPath, SCENARIO_SCHEMA_ID } from './write-schema.js';
