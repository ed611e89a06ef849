import type { Random } from '../random.js';

/**
 * Postcode-shaped strings for keepers' addresses. The area letters follow the town
 * (Royal Mail postcode areas); the district and unit are drawn at random.
 *
 * Limitation: the district is drawn within the town's area, so it need not be the
 * town's own district (a Selby keeper may get YO21, which is Whitby's).
 */

/**
 * Post towns in and around the force area by postcode area (Royal Mail): the area,
 * then its towns separated by commas.
 */
const TOWNS_OF_AREA = `
YO York, Haxby, Scarborough, Eastfield, Seamer (Scarborough), Whitby, Sleights,
YO Filey, Hunmanby, Malton, Norton, Pickering, Helmsley, Kirkbymoorside, Thirsk,
YO Sowerby, Easingwold, Selby, Boroughbridge, Bridlington, Driffield, Pocklington
HG Harrogate, Knaresborough, Ripon, Masham, Pateley Bridge
DL Darlington, Northallerton, Brompton, Leeming Bar, Bedale, Leyburn, Hawes,
DL Richmond, Catterick Garrison, Colburn, Scotch Corner, Barnard Castle
TS Middlesbrough, Stockton-on-Tees, Thornaby-on-Tees, Yarm, Guisborough, Stokesley,
TS Great Ayton, Redcar, Hartlepool
BD Skipton, Settle, Grassington, Bradford, Keighley
LS Leeds, Wetherby, Tadcaster, Sherburn in Elmet, Ilkley, Otley
WF Wakefield, Pontefract, Castleford
DN Doncaster, Goole
S Sheffield, Rotherham
HU Kingston upon Hull, Hull, Beverley
LA Lancaster, Kendal, Sedbergh, High Bentham, Ingleton
BB Clitheroe
PR Preston
CA Carlisle, Penrith
DH Durham
NE Newcastle upon Tyne
`;

const AREA_OF_TOWN = new Map(
  TOWNS_OF_AREA.trim()
    .split('\n')
    .flatMap((line) => {
      const [area = '', ...rest] = line.split(' ');
      const towns = rest.join(' ').split(',');
      return towns.map((t) => [t.trim().toLowerCase(), area] as const);
    })
    .filter(([town]) => town !== ''),
);

/** Highest geographic district number in each area (Royal Mail), roughly. */
const LAST_DISTRICT: Readonly<Record<string, number>> = {
  YO: 62,
  HG: 5,
  DL: 17,
  TS: 29,
  BD: 24,
  LS: 29,
  WF: 17,
  DN: 41,
  S: 36,
  HU: 20,
  LA: 23,
  BB: 18,
  PR: 26,
  CA: 28,
  DH: 9,
  NE: 71,
};

/** Areas for a town not in the table, weighted towards the county's own. */
const FALLBACK_AREAS = ['YO', 'YO', 'YO', 'HG', 'DL', 'DL', 'TS', 'BD', 'LS'];

/** Royal Mail never uses C, I, K, M, O or V in the last two letters. */
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function postcodeAreaOf(town: string): string | undefined {
  return AREA_OF_TOWN.get(town.trim().toLowerCase());
}

/** A postcode such as `HG3 4AB` for an address in the town. */
export function postcodeFor(town: string, random: Random): string {
  const area = postcodeAreaOf(town) ?? random.pick(FALLBACK_AREAS);
  const district = 1 + random.int(LAST_DISTRICT[area] ?? 9);
  const letter = (): string => UNIT_LETTERS[random.int(UNIT_LETTERS.length)]!;
  return `${area}${district} ${random.int(10)}${letter()}${letter()}`;
}

/** A UK postcode's shape: area, district, space, sector digit, two unit letters. */
export const POSTCODE_SHAPE = /^[A-Z]{1,2}\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/;
