// issue 14: `rcan import` of an LZF-compressed checkpoint used to exit 0 with garbage weights, and
// corrupt HDF5 files printed libhdf5's 20–200-line error stack. Run through the real CLI in a child
// process so that what reaches file descriptor 2 is checked too.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasPythonModules, needs, runPython, skipWithout } from '../../../test/helpers/external-tools';
import { summarizeDiagnostics } from './read-keras-hdf5';

const H5PY = hasPythonModules(['h5py', 'numpy']);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hdf5-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function rcanImport(file: string, out: string) {
  return spawnSync(process.execPath, [path.resolve('scripts/rcan.mjs'), 'import', file, '-o', out], { encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(skipWithout(H5PY, 'python3-h5py'))(`rcan import on hostile HDF5 ${needs(H5PY, 'python3-h5py')}`, () => {
  beforeAll(() => {
    runPython(`
import sys, h5py, numpy as np
d = sys.argv[1]
def keras(path, **kw):
    with h5py.File(path, 'w') as f:
        g = f.create_group('model_weights'); g.attrs['layer_names'] = [b'conv3d_1']
        l = g.create_group('conv3d_1'); l.attrs['weight_names'] = [b'conv3d_1/kernel:0', b'conv3d_1/bias:0']
        l.create_dataset('conv3d_1/kernel:0', data=np.ones((3, 3, 3, 1, 4), np.float32), **kw)
        l.create_dataset('conv3d_1/bias:0', data=np.ones(4, np.float32))
keras(d + '/lzf.hdf5', compression='lzf')
keras(d + '/plain.hdf5')
b = bytearray(open(d + '/plain.hdf5', 'rb').read())
for i in range(600, 900): b[i] = (b[i] * 7 + 3) % 256
open(d + '/corrupt.hdf5', 'wb').write(bytes(b))
`, [dir]);
  });

  it('refuses an LZF-compressed checkpoint with one line, exit 1, and writes no model', () => {
    const out = path.join(dir, 'lzf-model');
    const r = rcanImport(path.join(dir, 'lzf.hdf5'), out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^rcan import: error: .*lzf\.hdf5: weight "conv3d_1\/conv3d_1\/kernel:0" is compressed with the lzf filter \(id 32000\), which this reader cannot decode; re-save/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('turns a corrupt file into one line with no libhdf5 dump on stderr', () => {
    const r = rcanImport(path.join(dir, 'corrupt.hdf5'), path.join(dir, 'corrupt-model'));
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/HDF5-DIAG|#0\d\d:/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rcan import: error: cannot read .*corrupt\.hdf5 as HDF5: libhdf5 reports "[^"]+"; the file may be truncated or corrupt/);
  });
});

describe('summarizeDiagnostics', () => {
  it('names a missing filter, else the innermost libhdf5 message', () => {
    expect(summarizeDiagnostics("  #008: src/H5Z.c line 1435 in H5Z_pipeline(): required filter 'lzf' is not registered\n")).toMatch(/the 'lzf' compression filter/);
    const stack = '  #000: a.c line 1 in H5Dopen2(): unable to open\n    major: X\n  #001: b.c line 2 in H5HL__hdr_deserialize(): bad local heap signature\n';
    expect(summarizeDiagnostics(stack)).toBe('libhdf5 reports "bad local heap signature"; the file may be truncated or corrupt');
  });
});
