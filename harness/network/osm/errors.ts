import { TestbedError } from '../../../simulator/errors.js';

export function invalid(file: string, reason: string, cause?: unknown): TestbedError {
  return new TestbedError(
    'ATB_OSM_INVALID',
    { path: file, reason },
    cause === undefined ? {} : { cause },
  );
}

export function unreadable(path: string, err: unknown): TestbedError {
  return new TestbedError('ATB_FILE_UNREADABLE', { path, reason: fsReason(err) }, { cause: err });
}

export function unwritable(path: string, err: unknown): TestbedError {
  return new TestbedError('ATB_FILE_UNWRITABLE', { path, reason: fsReason(err) }, { cause: err });
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EEXIST: 'a file of that name is in the way',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EIO: 'input/output error',
};

function fsReason(err: unknown): string {
  const code = errorCode(err);
  return (code && FS_REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
}

export function isSystemError(err: unknown): boolean {
  return err instanceof Error && 'syscall' in err;
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}
