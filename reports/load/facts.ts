import type { LoadResult } from '../../harness/load/result.js';
import { counted, markup, metric, type Html } from '../html/html.js';
import { SOURCES } from './checks.js';
import { loadCommand } from './command.js';

/** What a load test was: enough to audit it, and the command that offers it again. */

const m = metric;

function hub(r: LoadResult): Html {
  const target = markup`<code>${m('hub.target', r.hub.target, 'text')}</code>`;
  if (r.hub.name === null) return markup`${target}, which never answered`;
  const where = r.hub.inProcess ? ' (the reference hub, in the testing process)' : '';
  return markup`${m('hub.name', r.hub.name, 'text')} version
${m('hub.version', r.hub.version, 'text')}, at ${target}${where}`;
}

function load(r: LoadResult): Html {
  const s = r.settings;
  const length = r.saturation ? 'each step' : 'in all';
  return markup`${m('settings.description', s.description, 'text')};
${m('settings.durationMs', s.durationMs, 'duration')} ${length}, at most
${m('settings.maxReads', s.maxReads, 'count')} reads`;
}

function requests(r: LoadResult): Html {
  const s = r.settings;
  const hold =
    s.batch > 1
      ? markup`, a batch waiting up to ${m('settings.holdMs', s.holdMs, 'count')} ms to fill`
      : '';
  return markup`${counted('settings.batch', s.batch, 'read')} a request${hold};
${m('settings.connections', s.connections, 'count')} keep-alive connections,
${m('settings.maxInFlight', s.maxInFlight, 'count')} requests out at once at most`;
}

function probes(r: LoadResult): Html {
  const s = r.settings;
  if (s.probeEvery === 0) return markup`none: no alert latency was measured`;
  return markup`one read in ${m('settings.probeEvery', s.probeEvery, 'count')} carried one of
${counted('pool.seedMarks', r.pool.seedMarks, 'seeded listed mark')}; alerts came by
${m('settings.delivery', s.delivery, 'text')}`;
}

function bounds(r: LoadResult): Html {
  const { maxP99Ms: p99, maxErrorRate: errors } = r.settings.bounds;
  const path = 'settings.bounds';
  return markup`latency p99 at most ${m(`${path}.maxP99Ms.value`, p99.value, 'ms')}
(set by ${SOURCES[p99.source] ?? p99.source}), error rate at most
${m(`${path}.maxErrorRate.value`, errors.value, 'fineShare')}
(set by ${SOURCES[errors.source] ?? errors.source})`;
}

function timing(r: LoadResult): Html {
  const s = r.settings;
  return markup`a request is behind schedule when it goes more than
${m('settings.lateAfterMs', s.lateAfterMs, 'ms')} after it was due; late requests may go up
to ${m('settings.graceMs', s.graceMs, 'duration')} after the schedule ends; an answer is
given up on after ${m('settings.timeoutMs', s.timeoutMs, 'duration')}`;
}

function pool(r: LoadResult): Html {
  const p = r.pool;
  return markup`${m('pool.reads', p.reads, 'count')} reads generated from the scenario in
${m('pool.generatedMs', p.generatedMs, 'duration')}, with
${m('pool.hotlistChanges', p.hotlistChanges, 'count')} hotlist changes; the test went
through them ${counted('pool.passes', p.passes, 'time')}`;
}

function facts(r: LoadResult): [string, Html][] {
  const sc = r.scenario;
  return [
    ['Scenario', markup`${m('scenario.name', sc.name, 'text')}`],
    ['File', markup`<code>${m('scenario.file', sc.file, 'text')}</code>`],
    ['Seed', m('scenario.seed', sc.seed, 'text')],
    ['Hub', hub(r)],
    [
      'Harness',
      markup`${m('harness.name', r.harness.name, 'text')}
${m('harness.version', r.harness.version, 'text')}`,
    ],
    [
      'Started',
      markup`${m('startedAt', r.startedAt, 'moment')}; the whole command took
${m('wallMs', r.wallMs, 'duration')}`,
    ],
    ['Load', load(r)],
    ['Requests', requests(r)],
    ['Probe reads', probes(r)],
    ['Bounds', bounds(r)],
    ['Timing', timing(r)],
    ['Reads', pool(r)],
  ];
}

const OVER_HTTP = ' The hub’s token is not recorded: put it in HUB_TOKEN first.';

/** The test's identity and settings, and how to run it again. */
export function testFacts(r: LoadResult, dir: string): Html {
  const rows = facts(r).map(([name, value]) => markup`<dt>${name}</dt><dd>${value}</dd>\n`);
  const http = r.hub.inProcess ? '' : OVER_HTTP;
  return markup`<dl class="facts" id="test-facts">
${rows}</dl>
<h3>To run this load test again</h3>
<pre class="command" id="reproduce">${loadCommand(r, dir)}</pre>
<p>The same scenario file and seed give the same reads. Latencies and the rates a hub
keeps up with depend on the machines and on what else they are doing.${http}</p>`;
}
