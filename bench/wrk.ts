/**
 * wrk, the closed-loop HTTP benchmarking tool, as a yardstick for the load
 * generator: finding it, a Lua script that posts one read a request with a fresh
 * read id each time, and the figures parsed from what it prints. Debian's wrk 4 is
 * what this was written against; its output has been stable for years.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface WrkTarget {
  /** The hub's origin, e.g. `http://127.0.0.1:8080`. */
  origin: string;
  /** The session's reads endpoint. */
  path: string;
  headers: Record<string, string>;
  /** Each read's JSON after its id (`,"vrm":…}`), used in turn. */
  tails: readonly string[];
  sentAt: string;
  /** Starts every read id of the run, so that no two runs on a session share one. */
  idPrefix: string;
}

export interface WrkRun {
  threads: number;
  connections: number;
  durationMs: number;
}

export interface WrkFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Requests answered 2xx a second, over the same time. */
  okPerSecond: number;
  /** Closed-loop: from when each request went to its answer, ms. */
  latencyMs: Record<'mean' | 'p50' | 'p90' | 'p99', number | null>;
  maxMs: number | null;
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

/** The wrk on the PATH, or null when there is none. */
export function findWrk(): string | null {
  const found = spawnSync('wrk', ['--version'], { encoding: 'utf8', timeout: 5_000 });
  if (found.error) return null;
  return `${found.stdout}${found.stderr}`.split('\n')[0]!.trim();
}

/**
 * A script that sends the target's reads one a request, in turn, each under a read
 * id of its own (`<prefix>-<thread>-<n>`) so that the hub does a new read's work
 * every time. Each wrk thread has a Lua state of its own; its number keeps their ids
 * apart.
 */
export function wrkScript(target: WrkTarget): string {
  const headers = Object.entries(target.headers)
    .map(([name, value]) => `wrk.headers[ ${lua(name)} ] = ${lua(value)}`)
    .join('\n');
  const tails = target.tails.map((tail) => `  ${lua(tail)},`).join('\n');
  return `wrk.method = "POST"
${headers}
local path = ${lua(target.path)}
local head = ${lua(`{"sentAt":"${target.sentAt}","reads":[{"readId":"${target.idPrefix}-`)}
local tails = {
${tails}
}
local count = #tails
local sent = 0
local prefix = "0-"

function setup(thread)
  thread:set("number", tostring(setup_threads or 0))
  setup_threads = (setup_threads or 0) + 1
end

function init(args)
  prefix = (number or "0") .. "-"
end

function request()
  sent = sent + 1
  local tail = tails[(sent - 1) % count + 1]
  return wrk.format(nil, path, nil, head .. prefix .. sent .. '"' .. tail .. "]}")
end
`;
}

/** A Lua long string, which needs no escapes; its level keeps the text from closing it. */
function lua(text: string): string {
  let level = '';
  while (`${text}]`.includes(`]${level}]`)) level += '=';
  return `[${level}[${text}]${level}]`;
}

/** Runs wrk for the bounded time and parses what it prints. */
export async function runWrk(
  target: WrkTarget,
  run: WrkRun,
  dir: string,
): Promise<WrkFigures & { command: string }> {
  const script = join(dir, 'reads.lua');
  await writeFile(script, wrkScript(target));
  const args = [
    `-t${run.threads}`,
    `-c${run.connections}`,
    `-d${Math.round(run.durationMs / 1000)}s`,
    '--latency',
    '-s',
    script,
    target.origin,
  ];
  const output = await spawnBounded('wrk', args, run.durationMs + 15_000);
  return { command: `wrk ${args.join(' ')}`, ...parseWrk(output) };
}

/**
 * Standard output of a command that is killed if it outlives `maxMs`. wrk goes on
 * with a script that does not load, saying so only on standard error, so anything
 * there fails.
 */
function spawnBounded(command: string, args: string[], maxMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), maxMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8');
      const complaint = Buffer.concat(err).toString('utf8').trim();
      if (code === 0 && complaint === '') return resolve(text);
      reject(new Error(`${command} ended with ${code ?? signal}: ${complaint || text.trim()}`));
    });
  });
}

export function parseWrk(text: string): WrkFigures {
  const done = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(text);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(text);
  if (!done || !rate) throw new Error(`wrk printed no figures:\n${text}`);
  const latency = /^\s*Latency\s+(\S+)\s+\S+\s+(\S+)/m.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const requests = Number(done[1]);
  const seconds = durationMsOf(done[2]!, done[3]!) / 1000;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
  return {
    requests,
    seconds,
    requestsPerSecond: Number(rate[1]),
    okPerSecond: round2(Number(rate[1]) * (1 - non2xx / Math.max(1, requests))),
    latencyMs: {
      mean: latency ? durationMsOf(...splitUnit(latency[1]!)) : null,
      p50: percentile(text, '50'),
      p90: percentile(text, '90'),
      p99: percentile(text, '99'),
    },
    maxMs: latency ? durationMsOf(...splitUnit(latency[2]!)) : null,
    non2xx,
    socketErrors: {
      connect: Number(socket?.[1] ?? 0),
      read: Number(socket?.[2] ?? 0),
      write: Number(socket?.[3] ?? 0),
      timeout: Number(socket?.[4] ?? 0),
    },
  };
}

/** A line of the `--latency` distribution, such as `99%    3.20ms`. */
function percentile(text: string, p: string): number | null {
  const line = new RegExp(`^\\s*${p}(?:\\.0+)?%\\s+(\\S+)`, 'm').exec(text);
  return line ? durationMsOf(...splitUnit(line[1]!)) : null;
}

function splitUnit(value: string): [string, string] {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value);
  if (!match) throw new Error(`wrk printed a time it should not: "${value}"`);
  return [match[1]!, match[2]!];
}

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function durationMsOf(value: string, unit: string): number {
  return Math.round(Number(value) * UNIT_MS[unit]! * 1000) / 1000;
}
