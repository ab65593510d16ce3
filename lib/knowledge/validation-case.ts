/**
 * A validation case: a real user's situation (from a public issue thread, forum answer, tool paper or
 * the book), the wizard answers that user would give, and the advice the maintainers or the book gave.
 * One file: `knowledge/validation/cases/<id>.json`. `npm run eval:guidance` runs every case through
 * `recommend()` (see `lib/wizard/guidance-eval.ts`).
 */
import { z } from 'zod';

import { AnswersSchema, CategoryIdSchema, IdSchema, RunnerPresetSchema } from './schema';

const Text = z.string().trim().min(1, 'must not be empty');

/** An expected top-3 tool: one id, or a list of ids of which any one is enough. */
export const ExpectedToolSchema = z.union([IdSchema, z.array(IdSchema).min(1, 'an "any of" list needs at least one tool id')]);

export const ValidationCaseSchema = z
  .object({
    id: IdSchema,
    title: Text,
    source: z
      .object({
        url: z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL'),
        kind: z.enum(['issue', 'forum', 'paper', 'book', 'docs']),
      })
      .strict(),
    /** 2–4 sentences, own words: what the user has, wants and is limited by. */
    situation: Text,
    /** 1–2 sentences, own words: what the maintainer or book advised and why. */
    advice: Text,
    /** Every answer on that user's path (multi questions take arrays). */
    answers: AnswersSchema,
    /** The questions whose answers the source settles; the stability measure perturbs all others. */
    determined: z.array(IdSchema),
    expected: z
      .object({
        kind: z.enum(['segmentation', 'restoration', 'other']),
        topCategory: CategoryIdSchema.optional(),
        /** Each entry must be among the top three tools; an inner list means any one of them. */
        topTools: z.array(ExpectedToolSchema).default([]),
        restorationMethod: IdSchema.optional(),
        runnerPreset: RunnerPresetSchema.optional(),
        deployment: z.enum(['local', 'cloud', 'slow-local']).optional(),
        trainingApproach: z.enum(['use-as-is', 'transfer-learning', 'fine-tuning', 'human-in-the-loop', 'from-scratch']).optional(),
      })
      .strict(),
    tags: z.array(Text).default([]),
  })
  .strict();
export type ValidationCase = z.infer<typeof ValidationCaseSchema>;
export type ExpectedTool = z.infer<typeof ExpectedToolSchema>;
