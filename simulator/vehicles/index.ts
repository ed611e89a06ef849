export {
  AgeTable,
  ageTableAt,
  isIssuedAge,
  isSafeAge,
  latestAgeIdentifiers,
  type AgeIdentifiers,
} from './ages.js';
export {
  foreignMark,
  isSafeForeignMark,
  type ForeignCountry,
  type ForeignOptions,
} from './foreign.js';
export {
  isCommercial,
  MAKES,
  VEHICLE_COLOURS,
  VEHICLE_MODELS,
  type VehicleColour,
  type VehicleModel,
} from './models.js';
export {
  composeCurrent,
  CURRENT_SERIALS,
  currentMark,
  datelessMark,
  isSafeMark,
  isValidCurrentMark,
  northernIrelandMark,
  plateFormatOf,
  prefixMark,
  RANDOM_LETTERS,
  suffixMark,
  type MarkOptions,
} from './plates.js';
export {
  isMemoryTag,
  memoryRegionFor,
  officeOfMemoryTag,
  REGION_LETTERS,
  TAG_SECOND_LETTERS,
  type RegionWeight,
} from './regions.js';
export {
  buildRegistry,
  Registry,
  type RegistryColumns,
  type RegistryOptions,
  type RegistryZone,
} from './registry.js';
