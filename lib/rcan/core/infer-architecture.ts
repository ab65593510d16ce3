import { buildRcan, type RcanArchitecture } from './model';

/**
 * Recover the 3D-RCAN hyper-parameters from the kernel shapes of a checkpoint, in layer order, without
 * trusting layer names (rcan-spec §1.10): C is the first kernel's output count; n1 = 2GB 1×1(×1)
 * kernels; n3 = 1 + 2GB + G + 2 full kernels when G > 1, else 3 + 2B; so G = n3 − 3 − n1 when that is
 * positive, otherwise 1; B = n1 / 2G; r from the first channel-attention kernel. The result is then
 * checked by building the architecture and comparing every kernel shape in order.
 * @param kernelShapes - Keras kernel shapes in layer order: [kz, ky, kx, in, out] or [ky, kx, in, out].
 * @returns The architecture whose convolutions have exactly these shapes.
 * @throws RangeError naming the first inconsistency.
 */
export function inferArchitecture(kernelShapes: readonly (readonly number[])[]): RcanArchitecture {
  const first = kernelShapes[0];
  if (first === undefined) throw new RangeError('no convolution kernels found; a 3D-RCAN checkpoint has at least 5');
  const rank = first.length;
  if (rank !== 5 && rank !== 4) {
    throw new RangeError(`kernels must have rank 5 (Conv3D) or 4 (Conv2D), got shape [${first.join(', ')}]`);
  }
  const ndim = (rank - 2) as 2 | 3;
  const spatial = (shape: readonly number[]) => shape.slice(0, ndim);
  let n1 = 0;
  let n3 = 0;
  let firstDown: readonly number[] | undefined;
  for (const shape of kernelShapes) {
    if (shape.length !== rank) throw new RangeError(`all kernels must have rank ${rank}, got [${shape.join(', ')}]`);
    if (spatial(shape).every((d) => d === 1)) {
      n1++;
      firstDown ??= shape;
    } else if (spatial(shape).every((d) => d === 3)) {
      n3++;
    } else {
      throw new RangeError(`3D-RCAN kernels are 3×3(×3) or 1×1(×1), got [${shape.join(', ')}]`);
    }
  }
  const numChannels = first[rank - 1] ?? 0;
  if (first[rank - 2] !== 1) {
    throw new RangeError(`the first (head) kernel must take 1 input channel, got [${first.join(', ')}]; multi-channel models (multivol branch) are not supported`);
  }
  const numResidualGroups = n3 - 3 - n1 > 0 ? n3 - 3 - n1 : 1;
  const numResidualBlocks = n1 / (2 * numResidualGroups);
  const reduced = firstDown?.[rank - 1] ?? 0;
  if (!Number.isInteger(numResidualBlocks) || numResidualBlocks < 1 || reduced < 1) {
    throw new RangeError(
      `kernel counts do not fit a 3D-RCAN (${n3} full and ${n1} 1×1 kernels; expected 2·G·B 1×1 kernels and 1 + 2GB + G + 2 full ones)`,
    );
  }
  // Any r with floor(C / r) = reduced builds the same graph; floor(C / reduced) is one such r.
  const architecture: RcanArchitecture = {
    ndim,
    numChannels,
    numResidualBlocks,
    numResidualGroups,
    channelReduction: Math.floor(numChannels / reduced),
  };
  const expected = expectedKernelShapes(architecture);
  if (expected.length !== kernelShapes.length) {
    throw new RangeError(`a 3D-RCAN with C=${numChannels}, G=${numResidualGroups}, B=${numResidualBlocks} has ${expected.length} convolutions, the file has ${kernelShapes.length}`);
  }
  expected.forEach((shape, i) => {
    const actual = kernelShapes[i] ?? [];
    if (shape.join(',') !== actual.join(',')) {
      throw new RangeError(`convolution ${i + 1} should have kernel shape [${shape.join(', ')}] for C=${numChannels}, G=${numResidualGroups}, B=${numResidualBlocks}, r=${architecture.channelReduction}, got [${actual.join(', ')}]`);
    }
  });
  return architecture;
}

// Kernel shapes of the model we would build, in creation order (uses the model itself as the reference).
function expectedKernelShapes(architecture: RcanArchitecture): number[][] {
  const model = buildRcan(architecture, { trainable: false });
  try {
    return model.convs.map((c) => [...c.kernelShape]);
  } finally {
    model.dispose();
  }
}
