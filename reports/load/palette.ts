import { encoding, OKABE_ITO } from '../html/palette.js';

/**
 * How the load report's charts tell their lines apart: by colour from the Okabe–Ito
 * palette, and also by dash and point shape, so that each reads in greyscale print and
 * without colour vision. Lines that often lie on one another (offered and sent, at a rate
 * the hub keeps up with) have dashes that let the one beneath show through.
 */

export const RATE = encoding([
  ['offered', 'offered', OKABE_ITO.blue, 'circle'],
  ['sent', 'sent', OKABE_ITO.orange, 'square'],
  ['answered', 'answered', OKABE_ITO.bluishGreen, 'triangle-up'],
  ['failed', 'failed', OKABE_ITO.vermillion, 'cross'],
]);

export const LATENCY = encoding([
  ['ingest-p50', 'ingest p50', OKABE_ITO.skyBlue, 'circle'],
  ['ingest-p99', 'ingest p99', OKABE_ITO.blue, 'square'],
  ['alert-p99', 'alert p99', OKABE_ITO.reddishPurple, 'triangle-up'],
]);

/** The latencies of a whole test: open loop (ingest, alert) and closed loop (service). */
export const MEASURED = encoding([
  ['ingest', 'ingest, from when due', OKABE_ITO.blue, 'circle'],
  ['service', 'service, from when sent', OKABE_ITO.orange, 'square'],
  ['alert', 'alert, from when due', OKABE_ITO.reddishPurple, 'triangle-up'],
]);

/** Solid, dashed, dotted, dash-dot: one for each line of a chart, in order. */
export const DASHES = [
  [1, 0],
  [7, 3],
  [2, 3],
  [9, 3, 2, 3],
];

/** A saturation step that held, or broke. */
export const STEP = encoding([
  ['held', 'held', OKABE_ITO.bluishGreen, 'circle'],
  ['broke', 'broke', OKABE_ITO.vermillion, 'cross'],
]);

/** Lines drawn for reference: the bound, the steps, answered = offered. */
export const GUIDE = '#5c5c5c';
