import type { Metadata } from '../../../simulator/network/index.js';

/** What each imported file says about its source, licence and making. */

const LICENCE = 'ODbL 1.0: © OpenStreetMap contributors';

export function roadsMetadata(source: string): Metadata {
  return {
    title: 'Roads imported from OpenStreetMap',
    sources: [source],
    licence: LICENCE,
    notes: [
      'Ways tagged highway=motorway, trunk, primary, secondary or tertiary, or a link of one.',
      'Tertiary roads are class minor; a link takes the class of its parent road.',
      'speedLimitMph is from maxspeed: km/h converted and rounded, GB national limits 60 or 70.',
      'oneway=-1 ways are stored reversed.',
      'Motorways and roundabouts are one-way unless tagged oneway=no.',
    ],
  };
}

export function placesMetadata(source: string): Metadata {
  return {
    title: 'Places imported from OpenStreetMap',
    sources: [source],
    licence: LICENCE,
    notes: [
      'Nodes tagged place=city, town, village or hamlet, with a name.',
      'Population is 0 where the tag is absent or unparsable.',
      'Every place is marked inside the force area: an extract carries no force boundary.',
    ],
  };
}

export function emptyMetadata(what: string, source: string): Metadata {
  return {
    title: `No ${what}: empty for an OpenStreetMap import`,
    sources: [source],
    licence: LICENCE,
    notes: [`An OpenStreetMap import has no ${what}; add them to this file by hand.`],
  };
}
