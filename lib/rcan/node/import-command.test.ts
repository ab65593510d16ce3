import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs, skipWithout } from '../../../test/helpers/external-tools';
import { makeKerasRcan, referenceRcan, writeKerasRcanHdf5, type KerasRcanSpec } from '../../../test/helpers/keras-rcan-hdf5';
import { useWasmBackend } from '../../../test/helpers/use-wasm-backend';
import { ConfigError, InputError } from '../../util/errors';
import { createRandom } from '../core/create-random';
import { loadModelFolder } from './model-folder';
import { importKerasCheckpoint, parseImportArgs } from './import-command';

const PYTHON = '/usr/bin/python3';
const hasH5py = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import h5py, numpy']).status === 0;

let dir: string;
beforeAll(async () => {
  await useWasmBackend();
  dir = await mkdtemp(path.join(tmpdir(), 'rcan-import-'));
});


async function importAndCheck(spec: KerasRcanSpec, file: string, model: ReturnType<typeof makeKerasRcan>, shape: number[]) {
  const out = path.join(dir, `out-${path.basename(file)}`);
  const result = await importKerasCheckpoint({ input: file, output: out });
  const loaded = await loadModelFolder(out);
  try {
    expect(loaded.model.architecture).toEqual({
      ndim: spec.ndim,
      numChannels: spec.C,
      numResidualBlocks: spec.B,
      numResidualGroups: spec.G,
      channelReduction: spec.r,
    });
    // Every kernel and bias lands in the conv at the same position, whatever the layer names are.
    expect(loaded.model.convs).toHaveLength(model.convs.length);
    loaded.model.convs.forEach((conv, i) => {
      const source = model.convs[i]!;
      expect(conv.kernelShape).toEqual(source.kernelShape);
      expect(conv.kernel.dataSync()).toEqual(source.kernel);
      expect(conv.bias.dataSync()).toEqual(source.bias);
    });
    const random = createRandom(17);
    const n = shape.reduce((a, b) => a * b, 1);
    const input = Float32Array.from({ length: n }, () => random());
    const expected = referenceRcan(input, shape, spec, model.convs);
    const actual = tf.tidy(() => loaded.model.predict(tf.tensor(input, [1, ...shape, 1])).dataSync());
    let maxError = 0;
    expected.forEach((v, i) => (maxError = Math.max(maxError, Math.abs(v - actual[i]!))));
    expect(maxError).toBeLessThan(1e-4);
    return { result, out };
  } finally {
    loaded.model.dispose();
  }
}

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runImport', () => {
  it('imports a G=2 Keras 2.2.4 checkpoint by layer order, with the stored input shape', async () => {
    const spec: KerasRcanSpec = { ndim: 3, C: 8, r: 4, G: 2, B: 1 };
    const model = makeKerasRcan(spec, 1);
    // 13 convs: conv3d_10..13 sort before conv3d_2 by name, so name order would scramble them.
    expect(model.convs).toHaveLength(13);
    const file = path.join(dir, 'weights_012_0.02345678.hdf5');
    await writeKerasRcanHdf5(file, model, [4, 12, 12]);
    const { result, out } = await importAndCheck(spec, file, model, [4, 6, 6]);
    expect(path.basename(result.checkpointDir)).toBe('weights_012_0.02345678');
    const config = JSON.parse(await readFile(path.join(out, 'config.json'), 'utf8'));
    expect(config).toEqual({ input_shape: [4, 12, 12], num_channels: 8, num_residual_blocks: 1, num_residual_groups: 2, channel_reduction: 4 });
  });

  it('imports a G=1 checkpoint (no group tail) with TF2-style zero-based names and no model_config', async () => {
    const spec: KerasRcanSpec = { ndim: 3, C: 8, r: 4, G: 1, B: 2 };
    const model = makeKerasRcan(spec, 2, true);
    expect(model.convs[0]!.name).toBe('conv3d');
    const file = path.join(dir, 'g1.hdf5');
    await writeKerasRcanHdf5(file, model);
    const { result } = await importAndCheck(spec, file, model, [3, 5, 5]);
    expect(result.config.input_shape).toBeUndefined();
  });

  it('imports a 2D checkpoint', async () => {
    const spec: KerasRcanSpec = { ndim: 2, C: 4, r: 2, G: 2, B: 1 };
    const model = makeKerasRcan(spec, 3);
    const file = path.join(dir, 'two-d.hdf5');
    await writeKerasRcanHdf5(file, model, [16, 16]);
    await importAndCheck(spec, file, model, [7, 6]);
  });

  it.skipIf(skipWithout(hasH5py, 'python3-h5py'))(`reads a file written by h5py the way Keras 2.2.4 does (bytes attributes, float64 empty weight_names) ${needs(hasH5py, 'python3-h5py')}`, async () => {
    const spec: KerasRcanSpec = { ndim: 3, C: 8, r: 4, G: 2, B: 1 };
    const model = makeKerasRcan(spec, 4);
    const file = path.join(dir, 'h5py.hdf5');
    const payload = {
      layerNames: model.layerNames,
      convs: model.convs.map((c) => ({ name: c.name, shape: c.kernelShape, kernel: Array.from(c.kernel), bias: Array.from(c.bias) })),
    };
    const script = `
import sys, json, numpy as np, h5py
p = json.load(sys.stdin)
convs = {c['name']: c for c in p['convs']}
with h5py.File(sys.argv[1], 'w') as f:
    f.attrs['keras_version'] = b'2.2.4'
    f.attrs['backend'] = b'tensorflow'
    cfg = {'class_name': 'Model', 'config': {'layers': [{'class_name': 'InputLayer', 'name': 'input_1', 'config': {'batch_input_shape': [None, 4, 8, 8, 1]}}]}}
    f.attrs['model_config'] = np.bytes_(json.dumps(cfg).encode('utf8'))
    g = f.create_group('model_weights')
    g.attrs['layer_names'] = [n.encode('utf8') for n in p['layerNames']]
    for n in p['layerNames']:
        lg = g.create_group(n)
        c = convs.get(n)
        if c is None:
            lg.attrs['weight_names'] = np.asarray([])
            continue
        lg.attrs['weight_names'] = [(n + '/kernel:0').encode('utf8'), (n + '/bias:0').encode('utf8')]
        lg.create_dataset(n + '/kernel:0', data=np.asarray(c['kernel'], dtype=np.float32).reshape(c['shape']))
        lg.create_dataset(n + '/bias:0', data=np.asarray(c['bias'], dtype=np.float32))
`;
    const written = spawnSync(PYTHON, ['-c', script, file], { input: JSON.stringify(payload) });
    expect(written.status, written.stderr.toString()).toBe(0);
    const { result } = await importAndCheck(spec, file, model, [4, 5, 5]);
    expect(result.config.input_shape).toEqual([4, 8, 8]);
  });

  it('gives one-line errors for missing, non-HDF5, truncated and unexpected files', async () => {
    const expectInputError = async (file: string, pattern: RegExp) => {
      const error = await importKerasCheckpoint({ input: file, output: path.join(dir, 'bad') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).not.toContain('\n');
    };
    await expectInputError(path.join(dir, 'missing.hdf5'), /cannot read .*missing\.hdf5/);

    const text = path.join(dir, 'notes.hdf5');
    await writeFile(text, 'this is not HDF5\n');
    await expectInputError(text, /is not an HDF5 file/);

    const spec: KerasRcanSpec = { ndim: 3, C: 8, r: 4, G: 2, B: 1 };
    const good = path.join(dir, 'good.hdf5');
    await writeKerasRcanHdf5(good, makeKerasRcan(spec, 5), [4, 8, 8]);
    const bytes = await readFile(good);
    const truncated = path.join(dir, 'truncated.hdf5');
    await writeFile(truncated, bytes.subarray(0, 2048));
    await expectInputError(truncated, /truncated|corrupt|incomplete|missing/);

    const otherHdf5 = path.join(dir, 'other.h5');
    const { default: h5wasm } = await import('h5wasm/node');
    await h5wasm.ready;
    const f = new h5wasm.File(otherHdf5, 'w');
    f.create_dataset({ name: 'data', data: new Float32Array(4) });
    f.close();
    await expectInputError(otherHdf5, /not a Keras model/);

    const odd = makeKerasRcan(spec, 6);
    odd.convs.pop();
    odd.layerNames.splice(odd.layerNames.lastIndexOf('conv3d_13'), 1);
    const oddFile = path.join(dir, 'odd.hdf5');
    await writeKerasRcanHdf5(oddFile, odd);
    await expectInputError(oddFile, /does not hold a 3D-RCAN/);
  });
});

describe('parseImportArgs', () => {
  it('needs a file and -o', () => {
    expect(parseImportArgs(['m.hdf5', '-o', 'out'])).toEqual({ input: 'm.hdf5', output: 'out' });
    expect(() => parseImportArgs(['m.hdf5'])).toThrow(ConfigError);
    expect(() => parseImportArgs(['-o', 'x'])).toThrow(/missing the \.hdf5 file/);
    expect(() => parseImportArgs(['a', 'b', '-o', 'x'])).toThrow(/expected one \.hdf5 file/);
    expect(() => parseImportArgs(['a', '--bogus'])).toThrow(ConfigError);
  });
});
