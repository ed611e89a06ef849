import type { Network } from '../../simulator/network/index.js';
import { entries, field, list, type Report } from './document.js';
import { didYouMean } from './suggest.js';

/**
 * Checks that the places and camera sites a scenario names exist in its network.
 * Places match without regard to case, as `findPlace` matches them; camera ids match
 * exactly.
 */
export function checkNetworkReferences(doc: unknown, net: Network, report: Report): void {
  checkPlaces(doc, placeChecker(net, report));
  checkCameras(doc, net, report);
}

type CheckPlace = (value: unknown, path: string) => void;

function checkPlaces(doc: unknown, checkPlace: CheckPlace): void {
  list(field(field(doc, 'offenders'), 'groups')).forEach((group, i) => {
    const at = `offenders.groups[${i}]`;
    checkPlace(field(group, 'home'), `${at}.home`);
    list(field(group, 'targets')).forEach((target, j) => {
      checkPlace(target, `${at}.targets[${j}]`);
    });
  });
  for (const [name] of entries(field(field(doc, 'traffic'), 'attraction'))) {
    checkPlace(name, `traffic.attraction.${name}`);
  }
}

function placeChecker(network: Network, report: Report): CheckPlace {
  const names = network.places.map((p) => p.name);
  const known = new Set(names.map((n) => n.toLowerCase()));
  const fallback = "; the network's places.geojson lists its places";
  return (value, path) => {
    if (typeof value !== 'string' || known.has(value.trim().toLowerCase())) return;
    const hint = didYouMean(value, names, fallback);
    report(path, 'unknown-place', `unknown place "${value}"${hint}`);
  };
}

function checkCameras(doc: unknown, network: Network, report: Report): void {
  const sites = network.fixture.cameras.features.map((f) => f.properties);
  const kindOf = new Map(sites.map((site) => [site.id, site.kind]));
  const fallback = "; the network's cameras.geojson lists its sites";
  const unknown = (id: string, path: string, among: readonly string[]): void => {
    const hint = didYouMean(id, among, fallback);
    report(path, 'unknown-camera', `unknown camera "${id}"${hint}`);
  };
  const cameras = field(doc, 'cameras');

  list(field(cameras, 'outages')).forEach((outage, i) => {
    const id = field(outage, 'camera');
    if (typeof id === 'string' && !kindOf.has(id)) {
      unknown(id, `cameras.outages[${i}].camera`, [...kindOf.keys()]);
    }
  });

  const rapid = sites.filter((site) => site.kind === 'rapid-deploy').map((site) => site.id);
  list(field(cameras, 'rapidDeploy')).forEach((id, i) => {
    if (typeof id !== 'string') return;
    const path = `cameras.rapidDeploy[${i}]`;
    const kind = kindOf.get(id);
    if (kind === undefined) unknown(id, path, rapid);
    else if (kind !== 'rapid-deploy') {
      const message = `"${id}" is a ${kind} camera, not a rapid-deploy site`;
      report(path, 'not-rapid-deploy', message);
    }
  });
}
