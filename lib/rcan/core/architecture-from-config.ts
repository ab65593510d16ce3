import type { RcanArchitecture } from './model';
import { validateArchitecture } from './model';

/** The subset of a 3D-RCAN `config.json` (spec §2.2) that fixes the network; snake_case as in the file. */
export interface RcanConfigLike {
  input_shape?: readonly number[];
  num_channels?: number;
  num_residual_blocks?: number;
  num_residual_groups?: number;
  channel_reduction?: number;
}

/**
 * Read the architecture from a 3D-RCAN config, with the original defaults (C 32, B 3, G 5, r 8;
 * 3D unless `input_shape` has two entries).
 * @param config - parsed `config.json`
 * @returns the architecture
 * @throws RangeError when a value cannot build a model
 */
export function architectureFromConfig(config: RcanConfigLike): RcanArchitecture {
  const ndim = config.input_shape?.length ?? 3;
  if (ndim !== 2 && ndim !== 3) throw new RangeError(`input_shape must have 2 or 3 entries (Y,X or Z,Y,X), got ${ndim}`);
  const architecture: RcanArchitecture = {
    ndim,
    numChannels: config.num_channels ?? 32,
    numResidualBlocks: config.num_residual_blocks ?? 3,
    numResidualGroups: config.num_residual_groups ?? 5,
    channelReduction: config.channel_reduction ?? 8,
  };
  validateArchitecture(architecture);
  return architecture;
}
