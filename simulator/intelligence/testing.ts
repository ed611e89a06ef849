import type { Vehicle } from '../world/types.js';
import type { RegistryView } from './registry-view.js';

/**
 * A stand-in registry for tests: marks built from the vehicle id (unique up to
 * 138,240 vehicles), a fixed round of makes and colours, and every `foreignEvery`-th
 * vehicle on a foreign plate.
 */

const LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ';
const MAKES = [
  ['Ford', 'Transit'],
  ['Vauxhall', 'Corsa'],
  ['Volkswagen', 'Golf'],
  ['Land Rover', 'Defender'],
  ['Toyota', 'Hilux'],
] as const;
const COLOURS = ['Silver', 'Black', 'White', 'Blue', 'Red', 'Grey'];
const TOWNS = ['Harrogate', 'York', 'Northallerton', 'Middlesbrough', 'Bedale'];

function markOf(id: number): string {
  const letters = [2, 1, 0].map((p) => LETTERS[Math.floor(id / 24 ** p) % 24]).join('');
  return `YK${71 + Math.floor(id / 24 ** 3)}${letters}`;
}

export function fakeVehicle(id: number, foreignEvery: number): Vehicle {
  const foreign = foreignEvery > 0 && id % foreignEvery === foreignEvery - 1;
  const [make, model] = MAKES[id % MAKES.length]!;
  return {
    id,
    vrm: foreign ? `DHH${String(id).padStart(5, '0')}` : markOf(id),
    format: foreign ? 'foreign' : 'current',
    make,
    model,
    colour: COLOURS[id % COLOURS.length]!,
    type: make === 'Ford' ? 'van' : 'car',
    homeZone: id % TOWNS.length,
  };
}

export function fakeRegistry(size: number, foreignEvery = 50): RegistryView {
  if (size > 24 ** 3 * 10) throw new RangeError(`Fake registry too large: ${size}`);
  const ids = new Map<string, number>();
  for (let id = 0; id < size; id++) ids.set(fakeVehicle(id, foreignEvery).vrm, id);
  return {
    size,
    get: (id) => fakeVehicle(id, foreignEvery),
    vrmOf: (id) => fakeVehicle(id, foreignEvery).vrm,
    idOf: (vrm) => ids.get(vrm),
  };
}

export function homeTownOf(vehicleId: number): string {
  return TOWNS[vehicleId % TOWNS.length]!;
}
