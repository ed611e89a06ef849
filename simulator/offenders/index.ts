export { planOffending } from './journeys.js';
export { pickVehicleAtZone, type RegistryView, type ZonePick } from './registry-view.js';
export { placeDistanceKm, placeIndex, targetChoice, type TargetChoice } from './targets.js';
export type {
  JourneyVehicle,
  Listing,
  OffenderGroupSettings,
  OffendingInput,
  OffendingPlan,
  OffendingSettings,
} from './types.js';
export { nextUkHour, ukLocalHour, ukLocalToUtc, ukOffsetMs } from './uk-time.js';
