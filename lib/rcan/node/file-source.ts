import { open } from 'node:fs/promises';
import type { RandomAccessSource } from '../../imaging';
import { InputError } from '../../util/errors';

/** A {@link RandomAccessSource} over a file, with its handle; call `close` when done. */
export interface FileSource extends RandomAccessSource {
  close(): Promise<void>;
}

/**
 * Open a file for reads at offsets (`lib/imaging`'s `openTiffPlanes` reads IFDs and planes
 * through it, never the whole file).
 * @param file - path
 * @returns the source
 * @throws InputError when the file cannot be opened
 */
export async function openFileSource(file: string): Promise<FileSource> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { size } = await handle.stat();
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const out = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(out, got, length - got, offset + got);
        if (bytesRead === 0) throw new InputError(`${file} is truncated: it ended at byte ${offset + got} while reading ${length} bytes at ${offset}`);
        got += bytesRead;
      }
      return out;
    },
    close: () => handle.close(),
  };
}
