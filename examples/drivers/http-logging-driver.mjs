/**
 * An example driver module: the harness's own HTTP driver, with every call written to
 * standard error as it finishes. Start from it to write a driver for a hub that does not
 * speak the Hub API: keep the shape of each method and replace what happens inside it with
 * calls to your hub, translating its messages to and from the protocol's.
 *
 * A driver module is a JavaScript file whose default export is a function. The harness
 * calls it once with `{ url, token }` (from `--hub` and `--token`, when given) and expects
 * back, or a promise of, an object with the methods below and a `target` string. The
 * harness makes one call at a time. A method that fails should throw a `HubFault`
 * (harness/hub-api/faults.ts), so the runner knows whether trying again can help; the
 * HTTP driver already does.
 *
 * This file imports the compiled harness, so run `npm run build` first. Then name it on
 * the command line with `--driver examples/drivers/http-logging-driver.mjs`, with `--hub`
 * and `--token` for the hub it talks to.
 */
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { createHttpDriver } from '../../dist/harness/hub-api/http-driver.js';

/**
 * @param {{ url?: string, token?: string }} options
 */
export default async function createDriver(options) {
  if (!options.url || !options.token) {
    throw new Error('The HTTP logging driver needs the hub URL and token (--hub and --token)');
  }
  const hub = await createHttpDriver({ url: options.url, token: options.token });
  return {
    target: hub.target,
    info: () =>
      logged(
        'info',
        '',
        () => hub.info(),
        (info) => `${info.name} ${info.version}`,
      ),
    start: (session) =>
      logged(
        'start',
        session.sessionId,
        () => hub.start(session),
        (state) => state.now,
      ),
    cameras: (registry) =>
      logged('cameras', count(registry.cameras, 'site'), () => hub.cameras(registry)),
    hotlist: (changes) =>
      logged('hotlist', count(changes.changes, 'change'), () => hub.hotlist(changes)),
    reads: (batch) =>
      logged(
        'reads',
        count(batch.reads, 'read'),
        () => hub.reads(batch),
        (answer) => `${answer.accepted} accepted, ${answer.rejected.length} rejected`,
      ),
    units: (reports) => logged('units', count(reports.units, 'unit'), () => hub.units(reports)),
    advance: (clock) => logged('advance', clock.now, () => hub.advance(clock)),
    events: () =>
      logged(
        'events',
        '',
        () => hub.events(),
        (events) => count(events, 'event'),
      ),
    // Faults seen outside a call, such as a malformed push; optional for a driver.
    faults: () => hub.faults?.() ?? [],
    end: () => logged('end', '', () => hub.end()),
    close: () => logged('close', '', () => hub.close()),
  };
}

/**
 * Runs one call and writes a line about it: what was sent, what came back or how it
 * failed, and how long it took. A failure is thrown on unchanged.
 */
async function logged(call, sent, run, describe = () => 'done') {
  const started = performance.now();
  const took = () => `${(performance.now() - started).toFixed(1)} ms`;
  const label = sent === '' ? call : `${call} ${sent}`;
  try {
    const result = await run();
    process.stderr.write(`[hub-driver] ${label}: ${describe(result)} (${took()})\n`);
    return result;
  } catch (err) {
    const kind = err && typeof err === 'object' && 'kind' in err ? `${err.kind} fault: ` : '';
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`[hub-driver] ${label}: ${kind}${message} (${took()})\n`);
    throw err;
  }
}

function count(items, noun) {
  return `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
}
