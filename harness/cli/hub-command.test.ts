import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerHubCommand, startHub } from './hub-command.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('anpr-testbed hub', () => {
  it('serves the Hub API until told to stop', async () => {
    const io = memoryIo();
    const program = new Command().exitOverride();
    const answers: unknown[] = [];
    registerHubCommand(program, io, async () => {
      const url = /listening on (\S+)/.exec(io.stdout())![1]!;
      answers.push(await (await fetch(`${url}/health`)).json());
      const info = await fetch(`${url}/v1/hub`, { headers: { authorization: 'Bearer t0k' } });
      answers.push(((await info.json()) as { protocol: string }).protocol);
    });
    await program.parseAsync(['hub', '--port', '0', '--token', 't0k'], { from: 'user' });

    expect(answers).toEqual([{ status: 'ok' }, '1.0']);
    expect(io.stdout()).toMatch(
      /^Reference hub listening on http:\/\/127\.0\.0\.1:\d+ \(Hub API 1\.0\)\nToken: t0k\n/,
    );
    expect(io.stdout()).toMatch(/Reference hub stopped\n$/);
  });

  it('makes up a token when none is given and prints it', async () => {
    const io = memoryIo();
    const hub = await startHub({ port: '0', host: '127.0.0.1' }, io);
    try {
      expect(hub.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(io.stdout()).toContain(`Token: ${hub.token} (generated; choose one with --token)`);
      const info = await fetch(`${hub.url}/v1/hub`, {
        headers: { authorization: `Bearer ${hub.token}` },
      });
      expect(info.status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('takes its settings from flags, prints them and reports them in /v1/hub', async () => {
    const io = memoryIo();
    const flags = { port: '0', host: '127.0.0.1', token: 't', alertWindow: '30' };
    const hub = await startHub({ ...flags, minDispatchConfidence: '0.8' }, io);
    try {
      expect(io.stdout()).toContain(
        'Settings: --alert-window 30 --min-similar-confidence 0.5 --dispatch-max-priority 2 ' +
          '--min-dispatch-confidence 0.8',
      );
      const info = await fetch(`${hub.url}/v1/hub`, { headers: { authorization: 'Bearer t' } });
      expect(((await info.json()) as { settings: unknown }).settings).toMatchObject({
        windowMs: 1_800_000,
        minDispatchConfidence: 0.8,
      });
    } finally {
      await hub.close();
    }
  });

  it('refuses a setting out of its range, naming the flag', async () => {
    const { code, stderr } = await run('hub', '--port', '0', '--min-similar-confidence', '2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--min-similar-confidence takes a number from 0 to 1; got "2"/);
  });

  it('refuses a port that is not a number', async () => {
    const { code, stderr } = await run('hub', '--port', 'eighty');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'anpr-testbed: --port takes a whole number from 0 to 65535; got "eighty" [ATB_CLI_USAGE]\n',
    );
  });

  it('says so when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await run('hub', '--port', String(port));
      expect(code).toBe(2);
      expect(stderr).toBe(
        `anpr-testbed: Port ${port} on 127.0.0.1 is in use; choose another with --port [ATB_HUB_PORT_IN_USE]\n`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('says so when the network folder is missing', async () => {
    const { code, stderr } = await run('hub', '--network', '/no/such/network');
    expect(code).toBe(2);
    expect(stderr).toBe('anpr-testbed: File not found: /no/such/network [ATB_FILE_NOT_FOUND]\n');
  });
});
