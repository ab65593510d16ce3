import type { RcanArchitecture } from './model';

/**
 * Number of scalar weights of a 3D-RCAN, from the closed formula of spec §1.4 (no tensors built).
 * @param a - the architecture
 * @returns the parameter count, e.g. 1,002,621 for the default 3D config
 */
export function countParams(a: RcanArchitecture): number {
  const k = a.ndim === 3 ? 27 : 9;
  const C = a.numChannels;
  const Cr = Math.floor(C / a.channelReduction);
  const conv = k * C * C + C;
  const rcab = 2 * conv + (C * Cr + Cr) + (Cr * C + C);
  const group = a.numResidualBlocks * rcab + (a.numResidualGroups > 1 ? conv : 0);
  return (k * C + C) + a.numResidualGroups * group + conv + (k * C + 1);
}
