/**
 * Where the CLI writes. Commands never touch `process.stdout` directly, so tests capture
 * everything a command says by passing their own.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether standard output is a terminal (progress bars are drawn only there). */
  readonly isTty: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY === true,
};

/** An io that keeps what is written, for tests. */
export function memoryIo(): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    isTty: false,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
