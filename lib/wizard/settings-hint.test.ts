import { describe, expect, it } from 'vitest';

import { settingsHint } from './settings-hint';

const tools = [
  { id: 'cellpose', name: 'Cellpose', settings: ['diameter', 'flow_threshold'] },
  { id: 'spotiflow', name: 'Spotiflow', settings: ['prob_thresh'] },
];
const which = { cellpose: ['cellpose'], spots: ['spotiflow', 'deepblink'] };

describe('settingsHint: the key settings of the tools the user named', () => {
  it('takes tools in use and the tools behind the model they tried, in order, each once, only those with settings', () => {
    const hint = settingsHint({ values: { 'tools-used': ['ilastik', 'cellpose'], 'pretrained-which': ['spots', 'cellpose'] }, mustHave: [] }, tools, which);
    expect(hint.map((h) => h.id)).toEqual(['cellpose', 'spotiflow']);
    expect(hint[0]!.settings).toEqual(['diameter', 'flow_threshold']);
  });

  it('is empty when no named tool records settings', () => {
    expect(settingsHint({ values: { 'tools-used': ['ilastik'], 'pretrained-which': ['other'] }, mustHave: [] }, tools, which)).toEqual([]);
    expect(settingsHint({ values: {}, mustHave: [] }, tools, which)).toEqual([]);
  });
});
