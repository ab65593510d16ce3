import { ConfigError } from '../../util/errors';
import { checkpointLoss, countParams } from '../core';
import type { CliIo } from './cli-io';
import { loadModelFolder } from './model-folder';
import { parseCommandArgs } from './parse-command-args';

import { INFO_HELP } from './info-help';

export { INFO_HELP };

/**
 * `rcan info`: describe a model folder.
 * @param argv - arguments after `info`
 * @param io - output streams
 * @returns exit code
 */
export async function runInfo(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('info', argv, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean' },
  }, true);
  if (values.help) {
    io.stdout(INFO_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new ConfigError(`rcan info needs exactly one MODEL_DIR, got ${positionals.length}; see \`rcan info --help\``);
  const folder = await loadModelFolder(positionals[0]!, { trainable: false });
  const { model } = folder;
  const a = model.architecture;
  const info = {
    model_dir: folder.root,
    architecture: {
      ndim: a.ndim,
      num_channels: a.numChannels,
      num_residual_blocks: a.numResidualBlocks,
      num_residual_groups: a.numResidualGroups,
      channel_reduction: a.channelReduction,
      convolutions: model.convs.length,
    },
    parameters: countParams(a),
    training_patch_shape: folder.config?.input_shape ?? null,
    checkpoints: folder.checkpoints.map((name) => ({ name, loss: Number.isFinite(checkpointLoss(name)) ? checkpointLoss(name) : null })),
    selected_checkpoint: folder.checkpoint,
  };
  model.dispose();
  if (values.json) {
    io.stdout(`${JSON.stringify(info, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `model folder       ${info.model_dir}`,
    `architecture       3D-RCAN ${a.ndim}D: C=${a.numChannels}, G=${a.numResidualGroups} groups x B=${a.numResidualBlocks} RCABs, r=${a.channelReduction} (${model.convs.length} convolutions)`,
    `parameters         ${info.parameters.toLocaleString('en-US')}`,
    `training patch     ${info.training_patch_shape ? (info.training_patch_shape as number[]).join('x') : 'unknown (no config.json): pass -B to rcan apply'}`,
    `checkpoints        ${info.checkpoints.length}`,
    ...info.checkpoints.map((c) => `  ${c.name === info.selected_checkpoint ? '*' : ' '} ${c.name}`),
    `selected           ${info.selected_checkpoint} (lowest loss in name)`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
