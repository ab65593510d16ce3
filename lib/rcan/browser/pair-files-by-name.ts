/** Anything with a file name: a browser `File`, or `{name}` in tests. */
export interface NamedFile {
  name: string;
}

/** Result of {@link pairFilesByName}. */
export interface PairedFiles<F extends NamedFile> {
  /** Matched pairs, sorted by stem. */
  pairs: { name: string; raw: F; gt: F }[];
  /** Raw files without a ground truth of the same name. */
  unmatchedRaw: F[];
  /** Ground-truth files without a raw of the same name. */
  unmatchedGt: F[];
}

/**
 * Pair raw and ground-truth TIFFs by file name, as `rcan train` pairs folders: the stem without
 * `.tif`/`.tiff` (any case) must match. A `_gt`/`-gt`/`_GT` suffix on the ground truth is also
 * accepted, so `cell1.tif` pairs with `cell1_gt.tif` when both come from one folder.
 * @param raw - raw files
 * @param gt - ground-truth files
 * @returns pairs and the files left without a partner
 */
export function pairFilesByName<F extends NamedFile>(raw: readonly F[], gt: readonly F[]): PairedFiles<F> {
  const gtByStem = new Map<string, F>();
  for (const file of gt) gtByStem.set(stemOf(file.name, true), file);
  const pairs: PairedFiles<F>['pairs'] = [];
  const unmatchedRaw: F[] = [];
  const used = new Set<F>();
  for (const file of raw) {
    const stem = stemOf(file.name, false);
    const partner = gtByStem.get(stem);
    if (partner && !used.has(partner)) {
      pairs.push({ name: file.name, raw: file, gt: partner });
      used.add(partner);
    } else {
      unmatchedRaw.push(file);
    }
  }
  pairs.sort((a, b) => a.name.localeCompare(b.name));
  return { pairs, unmatchedRaw, unmatchedGt: gt.filter((f) => !used.has(f)) };
}

function stemOf(name: string, isGt: boolean): string {
  const stem = name.replace(/\.tiff?$/i, '');
  return isGt ? stem.replace(/[_-]gt$/i, '') : stem;
}
