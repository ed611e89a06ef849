import type { CameraKind } from '../../simulator/network/fixture.js';
import { CAMERA_KINDS } from '../../simulator/network/fixture.js';

/**
 * The Okabe–Ito palette: eight colours that stay apart for readers with any common colour
 * vision deficiency, and in greyscale print where paired with a shape or a label. No pair
 * of meanings in the report rests on red against green.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Vega symbol shapes: built-in names or SVG paths in a unit square around the origin. */
/** A five-pointed star a little larger than the unit square, as a star's area is small. */
const STAR =
  'M0,-1.45L0.34,-0.47L1.38,-0.45L0.55,0.18L0.85,1.17' +
  'L0,0.58L-0.85,1.17L-0.55,0.18L-1.38,-0.45L-0.34,-0.47Z';
const SALTIRE = 'M-0.8,-0.8L0.8,0.8M-0.8,0.8L0.8,-0.8';

export interface Encoding<K extends string> {
  domain: readonly K[];
  colours: string[];
  shapes: string[];
  /** What each key is called in legends. */
  labels: string[];
}

export function encoding<K extends string>(rows: [K, string, string, string][]): Encoding<K> {
  return {
    domain: rows.map((r) => r[0]),
    labels: rows.map((r) => r[1]),
    colours: rows.map((r) => r[2]),
    shapes: rows.map((r) => r[3]),
  };
}

const CAMERA_ROWS: Record<CameraKind, [string, string, string]> = {
  fixed: ['fixed', OKABE_ITO.blue, 'circle'],
  'mobile-van': ['mobile van', OKABE_ITO.orange, 'square'],
  'rapid-deploy': ['rapid deploy', OKABE_ITO.bluishGreen, 'diamond'],
  'in-car': ['in-car', OKABE_ITO.reddishPurple, 'triangle-up'],
};

/** Camera kinds: colour and shape both tell them apart. */
export const CAMERA = encoding(CAMERA_KINDS.map((k) => [k, ...CAMERA_ROWS[k]]));

/** True alerts against false ones. */
export const ALERT = encoding([
  ['true', 'true alerts', OKABE_ITO.blue, 'circle'],
  ['false', 'false alerts', OKABE_ITO.orange, 'square'],
]);

/** How a stop is judged; an offender's stop is an interception. */
export const STOP = encoding([
  ['offender', 'offender stopped', OKABE_ITO.bluishGreen, STAR],
  ['justified', 'listed vehicle stopped', OKABE_ITO.skyBlue, 'triangle-down'],
  ['innocent', 'innocent driver stopped', OKABE_ITO.vermillion, 'cross'],
]);

/** How an offender journey ended; routes also differ by dash, so colour is never alone. */
export const OUTCOME = encoding([
  ['intercepted-before-offence', 'intercepted before the offence', OKABE_ITO.bluishGreen, ''],
  ['intercepted-after-offence', 'intercepted after the offence', OKABE_ITO.blue, ''],
  ['not-intercepted', 'not intercepted', OKABE_ITO.vermillion, ''],
]);

/** Line dashes by outcome: a journey never intercepted is dashed. */
export const OUTCOME_DASHES = [
  [1, 0],
  [1, 0],
  [6, 3],
];

/** Ring dashes: a false alert's ring is dashed. */
export const ALERT_DASHES = [
  [1, 0],
  [3, 2],
];

/** The moments of an offender journey on the interception timeline. */
export const JOURNEY_EVENT = encoding([
  ['depart', 'left home', OKABE_ITO.black, 'circle'],
  ['first-alert', 'first true alert', OKABE_ITO.blue, 'triangle-up'],
  ['offence', 'offence', OKABE_ITO.reddishPurple, 'cross'],
  ['intercepted', 'intercepted', OKABE_ITO.bluishGreen, STAR],
  ['home', 'home again', OKABE_ITO.black, 'square'],
]);

/** Dispatch points on the map: a saltire, stroked, so it never hides what is under it. */
export const DISPATCH = { colour: OKABE_ITO.black, shape: SALTIRE } as const;

/** The stages of the detection funnel, light to dark. */
export const FUNNEL = encoding([
  ['sightings', 'listed sightings', OKABE_ITO.skyBlue, ''],
  ['delivered', 'read delivered', OKABE_ITO.blue, ''],
  ['detected', 'detected', OKABE_ITO.bluishGreen, ''],
]);
