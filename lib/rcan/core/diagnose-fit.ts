/**
 * Training diagnosis after the book's Figure 9.6 (section 9.3.5.4): from the per-epoch training and
 * validation losses, say whether the run is still improving, underfitting, overfitting or a good fit,
 * with the rule that decided it, and draw the two curves as a standalone SVG.
 */

/** One epoch's losses (`val` absent without validation data). */
export interface LossPoint {
  epoch: number;
  train: number;
  val?: number;
}

export type FitVerdict = 'too-early' | 'still-improving' | 'underfitting' | 'overfitting' | 'good-fit';

/** The diagnosis, in plain words. */
export interface FitDiagnosis {
  verdict: FitVerdict;
  /** One sentence for people, e.g. "Overfitting: validation loss rose 12% above its best (epoch 7) while training loss kept falling." */
  summary: string;
  /** The rule that decided it, with its thresholds. */
  rule: string;
  /** What to do next. */
  advice: string;
  /** Where the book explains the three behaviours. */
  book: { section: string; url: string };
}

export const FIT_BOOK = { section: '9.3.5.4', url: 'https://bioimagingai.janelia.org/9-train-models.html#sec-9.3.5.4' } as const;

/** Thresholds of {@link diagnoseFit}; exported so the UI and README can quote them. */
export const FIT_RULES = {
  minEpochs: 3,
  /** Validation this far above its best, while training loss still falls, is overfitting. */
  overfitRise: 0.05,
  /** ...and the best validation epoch must be at least this many epochs back. */
  overfitPatience: 2,
  /** A relative drop larger than this over the last quarter of the run (≥ 2 epochs) is "still improving". */
  improvingDrop: 0.02,
  /** A training loss that fell by less than this share of its first-epoch value is underfitting. */
  underfitDrop: 0.3,
} as const;

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/**
 * Diagnose a run from its loss history. Rules, checked in this order:
 * 1. fewer than 3 epochs → too early;
 * 2. overfitting: validation loss is more than 5% above its minimum, that minimum is at least 2 epochs
 *    back, and the training loss is lower now than at that epoch;
 * 3. still improving: the monitored loss (validation, or training without it) fell by more than 2%
 *    over the last quarter of the epochs (at least 2);
 * 4. underfitting: the curves have flattened but the training loss fell by less than 30% of its
 *    first-epoch value (both losses stay high);
 * 5. otherwise a good fit.
 */
export function diagnoseFit(history: readonly LossPoint[]): FitDiagnosis {
  const n = history.length;
  const book = FIT_BOOK;
  if (n < FIT_RULES.minEpochs) {
    return { verdict: 'too-early', summary: `Too early to say: ${n} epoch${n === 1 ? '' : 's'} logged.`, rule: `needs at least ${FIT_RULES.minEpochs} epochs`, advice: 'Train for more epochs.', book };
  }
  const hasVal = history.every((h) => h.val !== undefined && Number.isFinite(h.val));
  const last = history[n - 1]!;
  if (hasVal) {
    let iBest = 0;
    history.forEach((h, i) => {
      if (h.val! < history[iBest]!.val!) iBest = i;
    });
    const best = history[iBest]!;
    const rise = last.val! / best.val! - 1;
    if (n - 1 - iBest >= FIT_RULES.overfitPatience && rise > FIT_RULES.overfitRise && last.train < best.train) {
      return {
        verdict: 'overfitting',
        summary: `Overfitting: validation loss is ${pct(rise)} above its best (epoch ${best.epoch}) while training loss kept falling.`,
        rule: `validation loss > ${pct(FIT_RULES.overfitRise)} above its minimum, the minimum ≥ ${FIT_RULES.overfitPatience} epochs back, training loss still lower than then`,
        advice: `Use the checkpoint of epoch ${best.epoch} (the best validation loss), add more varied training data or augmentation, or stop earlier (early stopping).`,
        book,
      };
    }
  }
  const series = history.map((h) => (hasVal ? h.val! : h.train));
  const window = Math.max(2, Math.ceil(n / 4));
  const before = series[Math.max(0, n - 1 - window)]!;
  const drop = (before - series[n - 1]!) / Math.abs(before || 1);
  const which = hasVal ? 'validation' : 'training';
  if (drop > FIT_RULES.improvingDrop) {
    return {
      verdict: 'still-improving',
      summary: `Still improving: ${which} loss fell ${pct(drop)} over the last ${window} epochs.`,
      rule: `${which} loss fell by more than ${pct(FIT_RULES.improvingDrop)} over the last quarter of the run (at least 2 epochs)`,
      advice: 'Train longer (more epochs, or resume this run) before judging the fit.',
      book,
    };
  }
  const trainDrop = (history[0]!.train - last.train) / Math.abs(history[0]!.train || 1);
  if (trainDrop < FIT_RULES.underfitDrop) {
    return {
      verdict: 'underfitting',
      summary: `Underfitting: the curves have flattened but training loss fell only ${pct(Math.max(0, trainDrop))} from epoch ${history[0]!.epoch}.`,
      rule: `flat (< ${pct(FIT_RULES.improvingDrop)} change over the last quarter) and training loss down by less than ${pct(FIT_RULES.underfitDrop)} overall`,
      advice: 'Train longer, raise the learning rate, use a larger network or patch, or check that raw and ground truth really match.',
      book,
    };
  }
  const gap = hasVal ? last.val! / last.train - 1 : undefined;
  return {
    verdict: 'good-fit',
    summary: `Good fit: the curves have flattened after training loss fell ${pct(trainDrop)}${gap !== undefined ? `; validation is ${gap >= 0 ? `${pct(gap)} above` : `${pct(-gap)} below`} training` : ''}.`,
    rule: `flat (< ${pct(FIT_RULES.improvingDrop)} change over the last quarter), training loss down by ≥ ${pct(FIT_RULES.underfitDrop)}, validation not rising`,
    advice: hasVal ? 'Check the restored validation images against ground truth before using the model.' : 'Add validation data: without it, overfitting cannot be seen.',
    book,
  };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The training and validation loss curves as a standalone SVG (no scripts, no external resources),
 * with the diagnosis as a caption. Written next to `training-log.csv` by the CLI and shown live in the
 * browser.
 */
export function lossCurveSvg(history: readonly LossPoint[], options: { width?: number; height?: number; title?: string } = {}): string {
  const W = options.width ?? 560;
  const H = options.height ?? 300;
  const m = { left: 64, right: 16, top: 28, bottom: 64 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const values = history.flatMap((h) => [h.train, ...(h.val !== undefined ? [h.val] : [])]).filter(Number.isFinite);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const span = hi - lo || Math.abs(hi) || 1;
  const y0 = lo - span * 0.05;
  const y1 = hi + span * 0.05;
  const e0 = history[0]?.epoch ?? 1;
  const e1 = history.at(-1)?.epoch ?? 1;
  const sx = (e: number) => m.left + (e1 === e0 ? pw / 2 : ((e - e0) / (e1 - e0)) * pw);
  const sy = (v: number) => m.top + ph - ((v - y0) / (y1 - y0)) * ph;
  const line = (pick: (h: LossPoint) => number | undefined) =>
    history
      .filter((h) => Number.isFinite(pick(h)))
      .map((h) => `${sx(h.epoch).toFixed(1)},${sy(pick(h)!).toFixed(1)}`)
      .join(' ');
  const diagnosis = diagnoseFit(history);
  const ticks = [0, 0.5, 1].map((t) => y0 + t * (y1 - y0));
  const hasVal = history.some((h) => h.val !== undefined);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img" aria-label="training and validation loss per epoch">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${m.left}" y="18" font-weight="bold">${escapeXml(options.title ?? 'Loss per epoch')}</text>`,
    `<line x1="${m.left}" y1="${m.top + ph}" x2="${m.left + pw}" y2="${m.top + ph}" stroke="#444"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + ph}" stroke="#444"/>`,
    ...ticks.map((t) => `<text x="${m.left - 6}" y="${sy(t) + 4}" text-anchor="end">${t.toPrecision(3)}</text>`),
    `<text x="${m.left}" y="${m.top + ph + 16}" text-anchor="middle">${e0}</text>`,
    `<text x="${m.left + pw}" y="${m.top + ph + 16}" text-anchor="middle">${e1}</text>`,
    `<text x="${m.left + pw / 2}" y="${m.top + ph + 16}" text-anchor="middle">epoch</text>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((h) => h.train)}"/>`,
    ...(hasVal ? [`<polyline fill="none" stroke="#d62728" stroke-width="2" stroke-dasharray="6 3" points="${line((h) => h.val)}"/>`] : []),
    `<text x="${m.left + pw - 150}" y="${m.top + 12}" fill="#1f77b4">— training loss</text>`,
    ...(hasVal ? [`<text x="${m.left + pw - 150}" y="${m.top + 28}" fill="#d62728">- - validation loss</text>`] : []),
    `<text x="${m.left}" y="${H - 26}">${escapeXml(diagnosis.summary)}</text>`,
    `<text x="${m.left}" y="${H - 10}" fill="#555">Rule: ${escapeXml(diagnosis.rule)}. Book §${diagnosis.book.section}, Fig. 9.6.</text>`,
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
