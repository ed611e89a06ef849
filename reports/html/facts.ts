import type { RunSummary } from '../../harness/scoring/summary.js';
import { reproduceCommand } from './command.js';
import { markup, metric, type Html } from './html.js';

/** What a run was: enough to audit it, and the command that makes it again. */

function timeMode(s: RunSummary): Html {
  if (s.mode.kind === 'virtual') {
    return markup`virtual time, ticks of ${metric('mode.tickMs', s.mode.tickMs, 'count')} ms`;
  }
  const speed = metric('mode.speed', s.mode.speed, 'count');
  return markup`real time at ${speed} simulated seconds a second`;
}

function time(s: RunSummary): Html {
  const run = s.run;
  const stopped = run.interrupted ? markup`; <strong>stopped early</strong>` : '';
  return markup`${timeMode(s)}:
${metric('run.simulatedMs', run.simulatedMs, 'duration')} simulated in
${metric('run.wallMs', run.wallMs, 'duration')}
(${metric('run.speedup', run.speedup, 'speedup')} real time),
${metric('run.ticks', run.ticks, 'count')} ticks${stopped}`;
}

function facts(s: RunSummary): [string, Html][] {
  const { scenario: sc, hub, reads: r, hubEvents: e } = s;
  const m = metric;
  return [
    ['Scenario', markup`${m('scenario.name', sc.name, 'text')}`],
    [
      'File',
      markup`<code>${m('scenario.file', sc.file, 'text')}</code>, SHA-256
<code>${m('scenario.sha256', sc.sha256 ?? 'not recorded', 'text')}</code>`,
    ],
    ['Seed', m('scenario.seed', sc.seed, 'text')],
    [
      'Window',
      markup`${m('scenario.window.start', sc.window.start, 'moment')} to
${m('scenario.window.end', sc.window.end, 'moment')}`,
    ],
    [
      'Hub',
      markup`${m('hub.name', hub.name, 'text')} version ${m('hub.version', hub.version, 'text')},
Hub API protocol ${m('hub.protocol', hub.protocol, 'text')},
at <code>${m('hub.target', hub.target, 'text')}</code>`,
    ],
    ['Hub settings', settingsText(hub.settings)],
    [
      'Harness',
      markup`${m('harness.name', s.harness.name, 'text')}
${m('harness.version', s.harness.version, 'text')}`,
    ],
    ['Time', time(s)],
    [
      'Reads',
      markup`${m('reads.generated', r.generated, 'count')} generated:
${m('reads.delivered', r.delivered, 'count')} delivered,
${m('reads.rejected', r.rejected, 'count')} rejected,
${m('reads.failed', r.failed, 'count')} failed,
${m('reads.unsent', r.unsent, 'count')} never sent`,
    ],
    [
      'Hub events',
      markup`${m('hubEvents.alerts', e.alerts, 'count')} alerts,
${m('hubEvents.dispatches', e.dispatches, 'count')} dispatch orders,
${m('hubEvents.standDowns', e.standDowns, 'count')} stand-downs,
${m('hubEvents.flags', e.flags, 'count')} impossible-journey flags`,
    ],
  ];
}

/** The hub's reported settings as `name value` pairs, or a word that it reported none. */
function settingsText(settings: RunSummary['hub']['settings'] | undefined): Html {
  const pairs = Object.entries(settings ?? {});
  if (pairs.length === 0) return markup`none reported`;
  return markup`<code>${pairs.map(([name, value]) => `${name} ${String(value)}`).join(', ')}</code>`;
}

const OVER_HTTP =
  ' The hub’s token is not recorded: put it in HUB_TOKEN first. Nor is whether the hub ' +
  'pushed its events or was polled; push is the default, and --delivery pull the other.';

/** The run's identity and its reproduction. */
export function runFacts(s: RunSummary, dir: string): Html {
  const rows = facts(s).map(([name, value]) => markup`<dt>${name}</dt><dd>${value}</dd>\n`);
  const http = /^https?:/.test(s.hub.target) ? OVER_HTTP : '';
  return markup`<dl class="facts" id="run-facts">
${rows}</dl>
<h3>To make this run again</h3>
<pre class="command" id="reproduce">${reproduceCommand(s, dir)}</pre>
<p>The same scenario file and seed give the same world. In virtual time the scores come
out the same; latencies, wall-clock time and the speed-up depend on the machine.${http}</p>`;
}
