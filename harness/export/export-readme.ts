import type { K6Plan } from './k6-plan.js';
import { DATA_MOUNT, megabytes, type ClusterNames } from './k6-operator.js';
import { count } from '../format.js';

/** One file of an export, for the README's table. */
export interface ExportFile {
  file: string;
  bytes: number;
  what: string;
}

/** The figures of an export that its README states. */
export interface ExportFacts {
  plan: K6Plan;
  reads: number;
  requests: number;
  hotlistChanges: number;
  cameras: number;
  /** Simulated times of the first and last request, ISO 8601. */
  firstSentAt: string;
  lastSentAt: string;
  /** How the scenario was cut to size, if it was (`--hours`, `--max-reads`). */
  cut: string | null;
  holdMs: number;
  durationMs: number;
  peakPerSecond: number;
  files: ExportFile[];
}

/** The export folder's README.md: what the test sends and how to run it. */
export function exportReadme(facts: ExportFacts, names: ClusterNames): string {
  const sections = [intro, figures, local, (f: ExportFacts) => cluster(f, names), behaviour];
  return sections.map((section) => section(facts)).join('\n');
}

function intro({ plan }: ExportFacts): string {
  return `# k6 load test: ${plan.scenarioName}

Written by \`anpr-testbed export k6\` from \`${plan.scenarioFile}\` (seed ${plan.seed}). It plays
the scenario's reads into a hub that speaks the Hub API, open-loop: each request goes when it
is due, whether or not the hub has answered the ones before.

**Not run here.** k6 cannot be installed where anpr-testbed is built and tested, so this test
has not been run with k6 there. anpr-testbed's own tests check the script against k6's
published type definitions (\`@types/k6\`), check that the shard files hold every read of the
scenario once, and run the script in Node with stand-ins for k6 to check that each instance
of a cluster sends its own shard, in order; the first run with k6 is yours.
`;
}

function figures(facts: ExportFacts): string {
  const { plan } = facts;
  const shape =
    plan.executor.executor === 'ramping-arrival-rate'
      ? "`ramping-arrival-rate`: each simulated minute, the requests the scenario's reads make"
      : '`constant-arrival-rate`: the same requests, spread evenly';
  const rows = [
    ['reads', count(facts.reads)],
    ['requests', `${count(facts.requests)}, each of at most ${plan.batch} reads`],
    ['simulated time', `${facts.firstSentAt} to ${facts.lastSentAt}`],
    ['cut', facts.cut ?? 'none: the whole scenario'],
    ['speed', `${round(plan.session.speed)}x: simulated seconds per wall-clock second`],
    ['length', `${duration(facts.durationMs)}, plus setup and teardown`],
    ['busiest minute', `${round(facts.peakPerSecond)} requests a second`],
    ['load shape', shape],
    ['hotlist', `${count(facts.hotlistChanges)} changes, sent in setup()`],
    ['camera sites', count(facts.cameras)],
  ];
  const files = facts.files.map((f) => `| \`${f.file}\` | ${size(f.bytes)} | ${f.what} |`);
  const total = facts.files.reduce((sum, f) => sum + f.bytes, 0);
  return `## What it sends

| | |
| --- | --- |
${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}

A request goes when it holds ${plan.batch} reads, at its last read's time, or ${facts.holdMs} ms
after its first read was due, as anpr-testbed's own open-loop generator batches them.

| file | size | what |
| --- | --- | --- |
${files.join('\n')}
| total | ${size(total)} | |
`;
}

function local({ plan }: ExportFacts): string {
  return `## Run it on one machine

\`\`\`sh
k6 run -e HUB_URL=${plan.hubUrl} -e HUB_TOKEN=<the hub's token> script.js
\`\`\`

One instance runs the whole test and loads every shard file.

| variable | meaning |
| --- | --- |
| \`HUB_URL\` | the hub (default ${plan.hubUrl}) |
| \`HUB_TOKEN\` | the hub's bearer token |
| \`SESSION_ID\` | the session to start (default \`${plan.sessionId}\`); a new one each run |
| \`DATA_DIR\` | the folder of the data files (default: the script's) |
| \`SHARDS\` | the shard files this instance loads: \`all\`, \`2\` or \`1-2\` |
| \`END_QUIET_S\` | seconds without new reads at the hub before the session is ended (default 10) |
`;
}

function cluster(facts: ExportFacts, names: ClusterNames): string {
  const { plan } = facts;
  return `## Run it on a k6 cluster (k6-operator)

${names.dataClaim ? onVolume(facts, names, names.dataClaim) : inConfigMap(names)}
\`k6-operator.yaml\` is a TestRun with \`parallelism: ${plan.shards}\`, one runner per shard
file. With n = ${plan.shards}, k6-operator gives runner i the execution segment (i-1)/n:i/n; k6
stripes the iterations of an arrival-rate scenario over equal segments, so that runner starts
iterations i-1, i-1+n, ... of the whole test, and the requests were dealt into the shard
files the same way: runner i sends \`reads-i-of-n.json\`, in order, and nothing else. It
loads only that file, found from its pod name (\`${plan.testRun}-i\`); a runner whose segment
does not match the shards it loaded stops the test and says so. Set \`HUB_URL\` in the
TestRun to the hub's address as the cluster sees it.
`;
}

function inConfigMap(names: ClusterNames): string {
  return `The whole folder fits in one ConfigMap:

\`\`\`sh
kubectl create configmap ${names.configMap} --from-file=.
kubectl create secret generic ${names.tokenSecret} --from-literal=token=<the hub's token>
kubectl apply -f k6-operator.yaml
\`\`\`
`;
}

function onVolume(facts: ExportFacts, names: ClusterNames, claim: string): string {
  const data = facts.files.filter((f) => f.file.endsWith('.json'));
  const bytes = data.reduce((sum, f) => sum + f.bytes, 0);
  return `At ${megabytes(bytes)} MB the data is more than a ConfigMap holds (1 MiB), so the
ConfigMap holds only the script, and the runners read the data from a PersistentVolumeClaim,
\`${claim}\`, mounted read-only at \`${DATA_MOUNT}\` (\`DATA_DIR\`). Make the claim with an
access mode that lets every runner's node mount it (ReadOnlyMany or ReadWriteMany) and room
for ${megabytes(bytes)} MB, and copy every \`.json\` file of this folder onto it, for example
with \`kubectl cp\` into a pod that mounts it. Then:

\`\`\`sh
kubectl create configmap ${names.configMap} --from-file=script.js
kubectl create secret generic ${names.tokenSecret} --from-literal=token=<the hub's token>
kubectl apply -f k6-operator.yaml
\`\`\`

Or export less (\`--hours\`, \`--max-reads\`) to fit everything in the ConfigMap.
`;
}

function behaviour({ plan }: ExportFacts): string {
  const thresholds = Object.entries(plan.thresholds).map(
    ([metric, rules]) => `\`${metric}\`: ${rules.map((r) => `\`${r}\``).join(', ')}`,
  );
  const latency =
    'http_req_duration' in plan.thresholds
      ? " The scenario's bound on alert latency becomes the same bound on the time the hub\n" +
        'takes to answer a batch: a hub that cannot answer within it cannot alert within it.'
      : '';
  const unmeasured =
    plan.unmeasured.length > 0
      ? `\nThe scenario's other thresholds (${plan.unmeasured.map((t) => `\`${t}\``).join(', ')})
need ground truth; \`anpr-testbed run\` scores them.\n`
      : '';
  return `## What it does

- \`setup()\` checks \`GET /v1/hub\` (real time, pull delivery, batch size), starts the session
  in real time at ${round(plan.session.speed)}x with pull delivery, and sends the camera sites and
  the hotlist.
- Each iteration posts one batch to \`/v1/sessions/{id}/reads\` and checks the status (200) and
  that accepted and rejected reads add up to the batch. The counters \`anpr_reads_sent\`,
  \`anpr_reads_accepted\` and \`anpr_reads_rejected\` count reads.
- \`teardown()\` waits until the hub's count of reads stands still, then ends the session.

Thresholds: ${thresholds.join('; ')}.${latency}
${unmeasured}
## Limits

- The hotlist goes whole in \`setup()\`, so every read is matched against the night's last
  list; a scored run sends each change at its time.
- The test takes no events from the hub: it measures ingest. Pull delivery keeps the hub
  from calling back into the cluster.
- Under k6-operator every runner runs \`setup()\` and \`teardown()\`: the session is started
  once (the others get 409) and ended only by the runner on the first segment.
- A dropped iteration (no VU free) makes each later request of that instance go one
  iteration late, and its last one not at all; the \`dropped_iterations\` threshold fails
  the test when it happens.
`;
}

function size(bytes: number): string {
  return bytes < 100_000 ? `${Math.ceil(bytes / 1000)} kB` : `${megabytes(bytes)} MB`;
}

function round(n: number): string {
  return Number(n.toFixed(2)).toString();
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
