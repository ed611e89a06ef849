import { CURRENT_SERIALS } from './plates.js';

/**
 * Where a registry vehicle's current-format mark sits, chosen so that marks almost
 * never collide, while each vehicle still depends on nothing but the seed and its
 * own id.
 *
 * Independent random draws would collide often: a region holds only 317,952 tag and
 * letter combinations per age identifier, and a Yorkshire registry of two million
 * puts about 40,000 vehicles in each busy (region, age) cell. Instead, an id splits
 * into a class `r = id mod 317,952` and a rank `q = floor(id / 317,952)`. The class
 * fixes the tag's second letter and the random letters through a keyed bijection, so
 * two vehicles of different classes never share them. Members of one class take
 * their age from rotated points of the van der Corput sequence, which for ranks 0 to
 * 7 lie at least 1/8 apart; as long as no age identifier holds an eighth of the
 * parc, they land on different ages. So registries of up to 8 × 317,952 = 2,543,616
 * vehicles have no collisions among structured marks; beyond that, and against
 * randomly drawn marks, the registry redraws.
 */

/** Ids below this never collide by construction. */
export const COLLISION_FREE_IDS = 8 * CURRENT_SERIALS;

/** 552 × 576 = 23 × 24³: the serial space as two factors for the Feistel. */
const LEFT = 552;
const RIGHT = 576;

const SALT = 0x5e71a1;

/**
 * MurmurHash3's 32-bit finaliser; fixed arity, as this runs several times per
 * vehicle.
 */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Per-seed keys of the Feistel rounds (0 to 3) and of the age rotation (4). */
let keys = { seed: -1, values: new Uint32Array(5) };

function keysFor(seed: number): Uint32Array {
  if (keys.seed === seed) return keys.values;
  const values = Uint32Array.from({ length: 5 }, (_, k) =>
    fmix32(seed ^ Math.imul(SALT + k, 0x9e3779b1)),
  );
  keys = { seed, values };
  return values;
}

/** A keyed hash of one value, for round functions and rotations. */
function keyed(key: number, value: number): number {
  return fmix32(key ^ Math.imul(value, 0x9e3779b1));
}

/**
 * A round function: 16 bits keep the additions below in small-integer arithmetic.
 */
const round = (key: number, value: number): number => keyed(key, value) >>> 16;

/**
 * A bijection on [0, CURRENT_SERIALS), keyed by the seed (a four-round Feistel
 * network).
 */
export function permuteSerial(seed: number, serial: number): number {
  const k = keysFor(seed);
  let left = Math.floor(serial / RIGHT);
  let right = serial % RIGHT;
  left = (left + round(k[0]!, right)) % LEFT;
  right = (right + round(k[1]!, left)) % RIGHT;
  left = (left + round(k[2]!, right)) % LEFT;
  right = (right + round(k[3]!, left)) % RIGHT;
  return left * RIGHT + right;
}

/**
 * The base-2 van der Corput point of n: its bits mirrored about the binary point.
 */
export function vanDerCorput(n: number): number {
  let point = 0;
  let scale = 0.5;
  for (let k = n; k > 0; k = Math.floor(k / 2), scale /= 2) point += (k % 2) * scale;
  return point;
}

/** The serial of a vehicle's current mark, for `composeCurrent`. */
export function serialOf(seed: number, id: number): number {
  return permuteSerial(seed, id % CURRENT_SERIALS);
}

/**
 * A number in [0, 1) that picks the vehicle's age identifier
 * (`AgeTable.ageForUnit`).
 */
export function ageUnitOf(seed: number, id: number): number {
  const classIndex = id % CURRENT_SERIALS;
  const rotation = keyed(keysFor(seed)[4]!, classIndex) / 4294967296;
  const unit = vanDerCorput(Math.floor(id / CURRENT_SERIALS)) + rotation;
  return unit - Math.floor(unit);
}
