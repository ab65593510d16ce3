// `rcan export`: a model folder back to a Keras .hdf5 checkpoint in the original 3D-RCAN's layout.
// Checked three ways: (1) our importer reads it back bit for bit; (2) its weight layout equals the
// checkpoint real Keras wrote (test/fixtures/rcan-original); (3) Debian's h5py and numpy read it the way
// Keras 2.2.4's loader does and run the stored graph (model_config, with the Lambda bytecode unmarshalled
// by Python itself), which must reproduce our model's prediction.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTiff, percentileNormalize, toSingleChannelVolume } from '@/lib/imaging';
import { loadModelFolder } from '@/lib/rcan/node/model-folder';
import { readKerasHdf5 } from '@/lib/rcan/node/read-keras-hdf5';
import { hasPythonModules, needs, runPython } from '@/test/helpers/external-tools';
import { cli } from '@/test/helpers/rcan-cli';

const fixtures = path.resolve('test/fixtures/rcan-original');
const original = path.join(fixtures, 'weights_001_0.45119667.hdf5');
const pythonTools = hasPythonModules(['h5py', 'numpy']);
let dir: string;
let model: string;
let exported: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-export-'));
  model = path.join(dir, 'model');
  expect((await cli(['import', original, '-o', model])).code).toBe(0);
  await mkdir(path.join(dir, 'keras'));
  exported = path.join(dir, 'keras', 'weights_001_0.45119667.hdf5');
  const result = await cli(['export', '-m', model, '-o', exported]);
  expect(result.code, result.stderr).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan export', () => {
  it('round-trips through rcan import bit for bit, with the block shape', async () => {
    const again = path.join(dir, 'again');
    expect((await cli(['import', exported, '-o', again])).code).toBe(0);
    const a = await readFile(path.join(model, 'weights_001_0.45119667', 'weights.bin'));
    const b = await readFile(path.join(again, 'weights_001_0.45119667', 'weights.bin'));
    expect(b.equals(a)).toBe(true);
    expect(JSON.parse(await readFile(path.join(again, 'config.json'), 'utf8'))).toEqual(JSON.parse(await readFile(path.join(model, 'config.json'), 'utf8')));
  });

  it('stores the weights in the layout of the checkpoint real Keras wrote: same layers with weights, same shapes and values', async () => {
    const theirs = await readKerasHdf5(original);
    const ours = await readKerasHdf5(exported);
    expect(ours.layers.length).toBe(theirs.layers.length);
    ours.layers.forEach((layer, i) => {
      const reference = theirs.layers[i]!;
      expect(layer.weights.map((w) => w.shape)).toEqual(reference.weights.map((w) => w.shape));
      layer.weights.forEach((w, j) => expect(Array.from(w.data)).toEqual(Array.from(reference.weights[j]!.data)));
      // Keras 2 names: <layer>/kernel:0 under the layer's own group.
      expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/kernel:0`, `${layer.name}/bias:0`]);
    });
    expect(ours.inputShape).toEqual([8, 32, 32]);
    expect(ours.kerasVersion).toBe('2.2.4');
  });

  it('lists every layer of the graph in layer_names, 137 for the default architecture (rcan-spec §1.3)', async () => {
    const init = path.join(dir, 'default');
    await writeFile(path.join(dir, 'default.json'), JSON.stringify({ input_shape: [16, 64, 64] }));
    expect((await cli(['init', '-c', path.join(dir, 'default.json'), '-o', init])).code).toBe(0);
    const file = path.join(dir, 'keras', 'default.hdf5');
    expect((await cli(['export', '-m', init, '-o', file])).code).toBe(0);
    await h5wasm.ready;
    const f = new h5wasm.File(file, 'r');
    try {
      const group = f.get('model_weights');
      if (!(group instanceof h5wasm.Group)) throw new Error('model_weights is not a group');
      const names = group.attrs.layer_names!.value as string[];
      expect(names).toHaveLength(137);
      expect(names.filter((n) => n.startsWith('conv3d_'))).toHaveLength(68);
      expect(names.slice(0, 3)).toEqual(['input_1', 'lambda_standardize_1', 'conv3d_1']);
      expect(names.at(-1)).toBe('lambda_destandardize_1');
    } finally {
      f.close();
    }
  });

  it('refuses an existing output, a missing folder and a non-.hdf5 name with exit code 2', async () => {
    for (const [args, message] of [
      [['-o', exported], /already exists/],
      [['-o', path.join(dir, 'missing', 'w.hdf5')], /does not exist/],
      [['-o', path.join(dir, 'w.tif')], /must end in \.hdf5/],
    ] as const) {
      const result = await cli(['export', '-m', model, ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  // Under CI the tools are installed by .ci/run, so a missing one fails here instead of skipping.
  describe.skipIf(!pythonTools && !process.env.CI)(`read by h5py and run from its model_config in numpy ${needs(pythonTools, '/usr/bin/python3 with h5py and numpy')}`, () => {
    it('the stored graph, with Python unmarshalling the Lambda layers, predicts what our model predicts (within 1e-5)', async () => {
      expect(pythonTools, 'CI=true needs /usr/bin/python3 with h5py and numpy (Debian: python3-h5py)').toBe(true);
      const raw = toSingleChannelVolume(decodeTiff(new Uint8Array(await readFile(path.join(fixtures, 'input.tif')))));
      const normalized = percentileNormalize(raw.data, 2, 99.9);
      const [, height, width] = raw.shape;
      // One block of the training patch shape (8×32×32) from the corner of the held-out input.
      const block = new Float32Array(8 * 32 * 32);
      for (let z = 0; z < 8; z++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) block[(z * 32 + y) * 32 + x] = normalized[(z * height + y) * width + x]!;
      const blockFile = path.join(dir, 'block.f32');
      await writeFile(blockFile, Buffer.from(block.buffer));

      const loaded = await loadModelFolder(model, { trainable: false });
      const expected = tf.tidy(() => loaded.model.predict(tf.tensor(block, [1, 8, 32, 32, 1])).dataSync() as Float32Array);
      loaded.model.dispose();

      const output = runPython(KERAS_GRAPH_IN_NUMPY, [exported, blockFile]);
      const got = Float32Array.from(JSON.parse(output) as number[]);
      expect(got.length).toBe(expected.length);
      let max = 0;
      for (let i = 0; i < got.length; i++) max = Math.max(max, Math.abs(got[i]! - expected[i]!));
      expect(max).toBeLessThan(1e-5);
    });
  });
});

// Reads the file as Keras 2.2.4's loader does (byte-string layer_names and weight_names, model_config
// JSON) and evaluates the graph layer by layer. Independent of lib/rcan: only the HDF5 file is shared.
const KERAS_GRAPH_IN_NUMPY = String.raw`
import sys, json, codecs, marshal, types
import h5py, numpy as np
f = h5py.File(sys.argv[1], 'r')
text = lambda v: v.decode('utf8') if hasattr(v, 'decode') else v
assert text(f.attrs['keras_version']) == '2.2.4'
config = json.loads(text(f.attrs['model_config']))
group = f['model_weights']
names = [n.decode('utf8') for n in group.attrs['layer_names']]
layers = config['config']['layers']
assert [l['name'] for l in layers] == names, 'layer_names must list the model_config layers in order'
weights = {n: [np.asarray(group[n][w.decode('utf8')]) for w in group[n].attrs['weight_names']] for n in names}
block = np.fromfile(sys.argv[2], dtype='<f4').reshape(1, 8, 32, 32, 1).astype(np.float64)

def conv(x, kernel, bias):
    kz, ky, kx = kernel.shape[:3]
    pad = ((0, 0), (kz // 2, kz // 2), (ky // 2, ky // 2), (kx // 2, kx // 2), (0, 0))
    xp = np.pad(x, pad)
    _, Z, Y, X, _ = x.shape
    out = np.zeros(x.shape[:4] + (kernel.shape[4],))
    for a in range(kz):
        for b in range(ky):
            for c in range(kx):
                out += np.einsum('nzyxi,io->nzyxo', xp[:, a:a + Z, b:b + Y, c:c + X, :], kernel[a, b, c])
    return out + bias

values = {}
for layer in layers:
    kind, cfg = layer['class_name'], layer['config']
    inputs = [values[node[0]] for node in layer['inbound_nodes'][0]] if layer['inbound_nodes'] else []
    if kind == 'InputLayer':
        assert cfg['batch_input_shape'] == [None, 8, 32, 32, 1]
        out = block
    elif kind == 'Lambda':
        assert cfg['function_type'] == 'lambda'
        code = marshal.loads(codecs.decode(cfg['function'][0].encode('ascii'), 'base64'))
        out = types.FunctionType(code, {})(inputs[0])
    elif kind == 'Conv3D':
        kernel, bias = weights[layer['name']]
        assert list(kernel.shape[:3]) == cfg['kernel_size'] and cfg['padding'] == 'same'
        out = conv(inputs[0], kernel.astype(np.float64), bias.astype(np.float64))
        out = {'linear': lambda v: v, 'relu': lambda v: np.maximum(v, 0), 'sigmoid': lambda v: 1 / (1 + np.exp(-v))}[cfg['activation']](out)
    elif kind == 'GlobalAveragePooling3D':
        out = inputs[0].mean(axis=(1, 2, 3))
    elif kind == 'Reshape':
        out = inputs[0].reshape((inputs[0].shape[0],) + tuple(cfg['target_shape']))
    elif kind == 'Multiply':
        out = inputs[0] * inputs[1]
    elif kind == 'Add':
        out = inputs[0] + inputs[1]
    else:
        raise SystemExit('unexpected layer class ' + kind)
    values[layer['name']] = out
result = values[config['config']['output_layers'][0][0]]
print(json.dumps(result.reshape(-1).astype(float).tolist()))
`;
