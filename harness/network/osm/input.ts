import { open, type FileHandle } from 'node:fs/promises';
import { TestbedError } from '../../../simulator/errors.js';
import { errorCode, invalid, unreadable } from './errors.js';

/** Opening and reading the extract, with its failures named for the user. */

export async function checkReadable(file: string): Promise<void> {
  const handle = await openInput(file);
  await handle.close();
}

export async function openInput(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new TestbedError('ATB_FILE_NOT_FOUND', { path: file });
    throw unreadable(file, err);
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new TestbedError('ATB_FILE_UNREADABLE', { path: file, reason: 'not a regular file' });
  }
  return handle;
}

export async function readExactly(
  handle: FileHandle,
  file: string,
  offset: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let bytesRead: number;
  try {
    ({ bytesRead } = await handle.read(buffer, 0, length, offset));
  } catch (err) {
    throw unreadable(file, err);
  }
  if (bytesRead < length)
    throw invalid(file, `the file is truncated (it ends inside the block at byte ${offset})`);
  return buffer;
}
