import { Faker, base, en, en_GB, type Randomizer } from '@faker-js/faker';
import { mix, PURPOSES, Random, streamFor } from '../random.js';
import { postcodeFor } from './postcodes.js';

/** A registered keeper as a hotlist entry carries it. */
export interface Keeper {
  name: string;
  /** e.g. `12 Church Lane, Harrogate, HG3 4AB`. */
  address: string;
}

/**
 * Faker draws from the simulator's own generator: reseeding faker's default Mersenne
 * Twister took about 0.1 ms, which capped keepers at about 7,000 a second.
 */
function seededRandomizer(): Randomizer {
  let random = new Random(0);
  return {
    next: () => random.next(),
    seed: (seed) => {
      random = new Random(typeof seed === 'number' ? seed : mix(...seed));
    },
  };
}

/**
 * One instance for the whole process, reseeded before each keeper so that a keeper
 * depends only on the run's seed and the vehicle, never on which keepers came
 * before. Only names, streets and cities are drawn from it: faker's date helpers
 * read the clock.
 *
 * Limitation: en_GB has no name lists of its own, so first and last names come from
 * faker's general English lists, and some surnames sound more American than British.
 */
const randomizer = seededRandomizer();
const faker = new Faker({ locale: [en_GB, en, base], randomizer });

/** Real British street names (Church Lane, Station Road) from the en_GB locale. */
const STREET_NAMES: readonly string[] = en_GB.location?.street_name ?? [];

function streetName(): string {
  return STREET_NAMES.length > 0
    ? faker.helpers.arrayElement(STREET_NAMES)
    : faker.location.street();
}

/**
 * The registered keeper of a vehicle. The name and street are the same whether or
 * not a home town is given; the town, when given, replaces faker's invented one.
 */
export function keeperOf(seed: number, vehicleId: number, homeTown?: string): Keeper {
  faker.seed(mix(seed, PURPOSES.keepers, vehicleId));
  const name = `${faker.person.firstName()} ${faker.person.lastName()}`;
  const street = `${faker.location.buildingNumber()} ${streetName()}`;
  const town = homeTown ?? faker.location.city();
  const postcode = postcodeFor(town, streamFor(seed, 'keepers', vehicleId));
  return { name, address: `${street}, ${town}, ${postcode}` };
}
