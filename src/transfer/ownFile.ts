/**
 * Files the extension writes are its own: a new file is created, never opened through a link; a file is continued
 * only when it is exactly as the extension left it (size, modification time and a hash of its content); a name that
 * is taken gets a free one beside it instead of being overwritten.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, readFile, unlink } from 'node:fs/promises';

/** What the extension knows of a file it wrote, to tell later whether it is still that file. */
export interface FileMark {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** Why a path cannot be written as ours, or undefined. */
export async function notOurs(path: string, mark?: FileMark): Promise<'link' | 'notFile' | 'changed' | 'missing' | undefined> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return 'missing';
  if (st.isSymbolicLink()) return 'link';
  if (!st.isFile()) return 'notFile';
  if (!mark) return undefined;
  if (st.size !== mark.size || st.mtimeMs !== mark.mtimeMs) return 'changed';
  return (await markOf(path)).sha256 === mark.sha256 ? undefined : 'changed';
}

export async function markOf(path: string): Promise<FileMark> {
  const st = await lstat(path);
  return {
    size: st.size,
    mtimeMs: st.mtimeMs,
    sha256: createHash('sha256')
      .update(await readFile(path))
      .digest('hex'),
  };
}

/**
 * Creates `path` afresh for writing: a link there is refused (O_EXCL does not follow one), a regular file is
 * replaced only when `replace` says so (the user agreed).
 */
export async function createOwn(path: string, replace: boolean): Promise<FileHandle> {
  const why = await notOurs(path);
  if (why === 'link' || why === 'notFile') throw new Error(`${path} is ${why === 'link' ? 'a link' : 'not a file'}: not written`);
  if (why === undefined) {
    if (!replace) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await unlink(path);
  }
  return open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
}

/** Opens a file of ours to continue it, never through a link. */
export function reopenOwn(path: string): Promise<FileHandle> {
  return open(path, constants.O_RDWR | constants.O_NOFOLLOW);
}

/** `path`, or the first free `name-2.ext`, `name-3.ext` … beside it, created: nothing is overwritten. */
export async function createFree(path: string): Promise<{ path: string; handle: FileHandle }> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? path : path.replace(/(\.[^./\\]+)?$/, (ext) => `-${n}${ext}`);
    try {
      return { path: candidate, handle: await createOwn(candidate, false) };
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`no free name beside ${path}`);
}
