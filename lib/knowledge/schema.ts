/**
 * zod schemas for every entity of the knowledge base. Types are inferred from them (`Tool`, …).
 * Files under `knowledge/` are validated against these by `loadKnowledgeBase`; cross-references are
 * checked by `checkIntegrity`. Field docs here are the reference for content authors (see
 * `knowledge/README.md`).
 */
import { z } from 'zod';

import {
  CATEGORY_IDS,
  TASKS,
  DIMENSIONS,
  INTERFACES,
  OPERATING_SYSTEMS,
  TOOL_KINDS,
  RESTORATION_TASKS,
  DATA_NEEDS,
  RUNNER_PRESETS,
  OBJECT_TYPES,
  MODALITIES,
  ELECTRON_KINDS,
} from './vocabulary';

export {
  CATEGORY_IDS,
  TASKS,
  DIMENSIONS,
  INTERFACES,
  OPERATING_SYSTEMS,
  TOOL_KINDS,
  RESTORATION_TASKS,
  DATA_NEEDS,
  RUNNER_PRESETS,
  OBJECT_TYPES,
  MODALITIES,
  ELECTRON_KINDS,
};

/** Stable kebab-case identifier; equals the file name for one-entity-per-file folders. */
export const IdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single hyphens');
const Text = z.string().trim().min(1, 'must not be empty');
const HttpsUrl = z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

/**
 * A pointer into the book. `section` is a section number from `knowledge/book/sections.json`
 * ("8.5", "9.3.6.3", "A.3.2") or a chapter number from `chapters.json` ("10", "Glossary").
 * `why` says what the section supports, in a few words.
 */
export const BookRefSchema = z
  .object({
    section: Text,
    why: Text.optional(),
  })
  .strict();
export type BookRef = z.infer<typeof BookRefSchema>;

// ---------------------------------------------------------------------------------------------
// Vocabularies shared by tools, methods, questions and the recommender.

export const CategoryIdSchema = z.enum(CATEGORY_IDS);
export type CategoryId = z.infer<typeof CategoryIdSchema>;

export const TaskSchema = z.enum(TASKS);
export type Task = z.infer<typeof TaskSchema>;

export const DimensionSchema = z.enum(DIMENSIONS);

export const InterfaceSchema = z.enum(INTERFACES);

export const OsSchema = z.enum(OPERATING_SYSTEMS);

/** How much coding a user must do to get a result: none (GUI), scripting (edit/run a notebook or macro), programming. */
export const CodingSchema = z.enum(['none', 'scripting', 'programming']);
export const EffortSchema = z.enum(['none', 'low', 'medium', 'high']);
export const GpuSchema = z.enum(['not-needed', 'optional', 'recommended', 'required']);
/** Where computation happens; `cloud` means data leave the user's machine. */
export const RunsWhereSchema = z.enum(['local', 'cloud', 'hpc']);
export const ToolKindSchema = z.enum(TOOL_KINDS);
export const ObjectTypeSchema = z.enum(OBJECT_TYPES);
export const ModalitySchema = z.enum(MODALITIES);
export const ElectronKindSchema = z.enum(ELECTRON_KINDS);

/**
 * One pre-trained model a tool ships (or its main family of models): what it was trained to find,
 * on which kind of images, in 2D or 3D. Lets the recommender tell "nuclei in fluorescence" from
 * "cells in brightfield". `source` is the tool's own documentation of the model.
 */
export const PretrainedModelSchema = z
  .object({
    name: Text,
    objects: z.array(ObjectTypeSchema).min(1),
    modalities: z.array(ModalitySchema).min(1),
    dimensionality: z.array(z.enum(['2d', '3d'])).min(1),
    /**
     * A model that restores images (removes noise, blur) rather than finding objects in them, shipped
     * by a tool whose main task is segmentation (cellSens's TruAI noise reduction): it does not cover
     * objects for segmentation. Omitted: the model does the tool's main task.
     */
    restores: z.literal(true).optional(),
    /**
     * The tool's own documentation offers the model as a starting point for training (trained on
     * diverse data of uneven quality) rather than as ready to use: it covers the user's images only
     * partly (worth a test, then retraining). Omitted: the model is offered for use as it is.
     */
    startingPoint: z.literal(true).optional(),
    /**
     * Another catalogue tool's model that this tool runs (Piximi's in-browser StarDist and Cellpose
     * models, µSAM's original SAM models): the id of the tool it comes from. Such a
     * copy is credited at half weight, like a host's plugin models, so one model is not counted as
     * several full specialists. Omitted: the tool's own model.
     */
    rehostedFrom: IdSchema.optional(),
    /**
     * For a model trained on electron micrographs: which kinds of EM it was trained on (see
     * `ELECTRON_KINDS`), from its documentation; it covers only those. Omitted: not tied to one kind.
     */
    electronKinds: z.array(ElectronKindSchema).min(1).optional(),
    source: HttpsUrl.optional(),
  })
  .strict();
export type PretrainedModel = z.infer<typeof PretrainedModelSchema>;

/**
 * A network pre-trained on a large collection of one kind of image that a tool runs to turn images
 * (or patches of them) into feature vectors, so that a small classifier trained on those features can
 * sort the user's images with few labelled examples (transfer learning, book §9.3.6.1). From the tool's
 * own documentation.
 */
export const FeatureEncoderSchema = z
  .object({
    name: Text,
    modalities: z.array(ModalitySchema).min(1),
    source: HttpsUrl,
  })
  .strict();

/** A fact about a tool taken from its own documentation (for tools or facts the book does not cover). */
export const DocRefSchema = z.object({ url: HttpsUrl, why: Text }).strict();

/**
 * One setting that decides whether a tool works on a user's images at all (Fig 9.10: check that a tool
 * fits your data before adapting or replacing it), as the tool's documentation names it.
 */
export const KeySettingSchema = z
  .object({
    /** The setting as the tool's interface or API spells it, e.g. "diameter", "prob_thresh". */
    name: Text,
    /** What it controls and when to change it, in our own words. */
    what: Text,
    /** The tool's own documentation page that describes it. */
    source: HttpsUrl,
  })
  .strict();

// ---------------------------------------------------------------------------------------------

/** A software tool, platform or community resource a researcher might use. One file: `knowledge/tools/<id>.json`. */
export const ToolSchema = z
  .object({
    id: IdSchema,
    name: Text,
    /** Other names people search for: a current model's name ("Cellpose-SAM"), a bundled model ("Mesmer"), an acronym. */
    aliases: z.array(Text).optional(),
    kind: ToolKindSchema,
    /** One sentence, own words: what it is. */
    summary: Text,
    /** 2–4 sentences, own words: what it does well and how people use it. */
    description: Text,
    homepage: HttpsUrl,
    /** Source repository, when public. */
    repository: HttpsUrl.optional(),
    /** Paper DOI ("10.…"), or "none" when there is no paper, or "unknown". */
    doi: z.union([z.string().regex(/^10\.\d{4,9}\/\S+$/, 'must look like 10.xxxx/…'), z.literal('none'), z.literal('unknown')]),
    /** SPDX id where known ("BSD-3-Clause", "GPL-3.0-only"), "proprietary", or "unknown". */
    license: Text,
    categories: z.array(CategoryIdSchema),
    /**
     * What the tool does, its main task first. A tracker that finds spots itself (TrackMate's detectors,
     * trackpy's `locate`) lists `object-detection` too; the ranking counts that for tracking only.
     */
    tasks: z.array(TaskSchema).min(1),
    /** What the user gets out, in plain words ("instance label image", "restored 3D stack"). */
    outputs: z.array(Text),
    dimensionality: z.array(DimensionSchema),
    interfaces: z.array(InterfaceSchema).min(1),
    coding: CodingSchema,
    installEffort: EffortSchema,
    os: z.array(OsSchema),
    gpu: GpuSchema,
    runsWhere: z.array(RunsWhereSchema).min(1),
    training: z
      .object({
        pretrained: z.boolean(),
        fineTune: z.boolean(),
        fromScratch: z.boolean(),
        /**
         * How its training adapts a pre-trained model, from its own documentation or code: `true` when it
         * offers to freeze parts of the model and retrain the rest (transfer learning, book §9.3.6.1;
         * µSAM's `freeze`), `false` when its training always updates every layer (Cellpose's `train_seg`),
         * so adapting its model is fine-tuning (§9.3.6.2). Absent: not recorded.
         */
        freezesLayers: z.boolean().optional(),
      })
      .strict(),
    /** Assumptions about object shape, e.g. StarDist's star-convex objects; null when none. */
    shapeAssumptions: Text.nullable(),
    /**
     * Set only when the tool's own documentation says it is designed for long, thin, curved or branched
     * objects (Omnipose's elongated bacteria and worms), not merely free of shape assumptions.
     */
    elongatedShapes: z.literal(true).optional(),
    /**
     * Set only for tools whose own method (not a shipped model) is made for some kinds of objects and
     * not others, from the tool's own documentation: spot detectors such as RS-FISH and Big-FISH find
     * diffraction-limited spots (`organelles`), not nuclei. Absent: not tied to an object kind (the
     * shipped models' coverage is recorded in `pretrainedModels`).
     */
    madeForObjects: z.array(ObjectTypeSchema).min(1).optional(),
    /**
     * Set only for tools made for some imaging modalities and not others (steinbock for multiplexed
     * imaging, HoVer-NeXt for H&E histology, cryoCARE for cryo-electron tomograms), from the tool's own
     * documentation. Absent: the tool is not tied to a modality.
     */
    modalities: z.array(ModalitySchema).min(1).optional(),
    /**
     * Set only for tools made for electron microscopy (`modalities` includes it) and for some kinds of
     * EM only (cryoCARE and Topaz-Denoise for cryo-EM, AxonDeepSeg for 2D micrographs), from the tool's
     * own documentation. Absent: not tied to one kind.
     */
    electronKinds: z.array(ElectronKindSchema).min(1).optional(),
    /**
     * From the tool's own documentation: `true` when it is built for images larger than the computer's
     * memory (it reads and processes them in blocks, tiles or pyramids: BigStitcher, QuPath's whole
     * slides, Ultrack's terabyte time-lapses); `false` when its docs say it is not for data that large
     * (TrackMate for terabyte-scale embryos, Piximi). Absent: the docs do not say.
     */
    largeData: z.boolean().optional(),
    /**
     * Set only when the tool takes one image at a time by hand, with no batch run (the Cellpose web
     * console: one small PNG or JPG per upload, as the book's first case study finds), from its own
     * documentation: it suits trying a model on a few images, not analysing many.
     */
    oneImageAtATime: z.literal(true).optional(),
    /**
     * Set only when the tool learns from neighbouring frames of a fast recording (DeepCAD-RT): it needs a
     * time-lapse whose consecutive frames show nearly the same scene, from its own documentation.
     */
    needsSimilarFrames: z.literal(true).optional(),
    /**
     * For tools that classify: what they sort, from their own documentation: whole `images` (Piximi's
     * image classifier) or single `objects` found in them (ilastik's Object Classification, CellProfiler
     * Analyst, QuPath's object classifiers).
     */
    classifies: z.array(z.enum(['images', 'objects'])).min(1).optional(),
    /**
     * The few settings that most often decide whether the tool works on new images (object size, pixel
     * size, channels, thresholds, model choice), from its own documentation, most important first. Shown
     * on the tool page and in the advice to set a tool up before replacing it (question `settings-tuned`).
     */
    keySettings: z.array(KeySettingSchema).min(1).max(6).optional(),
    /** Hosts it runs inside (tool ids), e.g. StarDist runs inside fiji and qupath. */
    runsInside: z.array(IdSchema),
    /** Tools or models it can run (tool ids), e.g. cellprofiler can run cellpose. */
    canRun: z.array(IdSchema),
    /** The pre-trained models it ships, when `training.pretrained` is true (optional while being filled in). */
    pretrainedModels: z.array(PretrainedModelSchema).optional(),
    /** Networks pre-trained on images of one kind that the tool runs as feature encoders (see `FeatureEncoderSchema`). */
    featureEncoders: z.array(FeatureEncoderSchema).min(1).optional(),
    /** The tool's own documentation for facts the book does not state. */
    docRefs: z.array(DocRefSchema).optional(),
    bestFor: z.array(Text).min(1),
    notFor: z.array(Text),
    largestDrawback: Text,
    bookRefs: z.array(BookRefSchema),
    /** Required when bookRefs is empty: why the book does not cover it. */
    noBookRefReason: Text.optional(),
    glossary: z.array(IdSchema),
    /** Date the facts were last checked against the tool's own documentation. */
    lastChecked: IsoDate,
  })
  .strict()
  .refine((t) => t.bookRefs.length > 0 || t.noBookRefReason !== undefined, {
    message: 'a tool needs at least one book reference or a noBookRefReason',
    path: ['bookRefs'],
  });
export type Tool = z.infer<typeof ToolSchema>;
export type KeySetting = z.infer<typeof KeySettingSchema>;

/** One of the six method categories of book §8.5. All six live in `knowledge/categories.json`. */
export const MethodCategorySchema = z
  .object({
    id: CategoryIdSchema,
    /** 1 = least computational comfort needed (manual annotation) … 6 = most (from scratch). */
    order: z.number().int().min(1).max(6),
    name: Text,
    summary: Text,
    description: Text,
    computationalComfort: Text,
    timeRequired: Text,
    bestIfPriorities: Text,
    biologicalExpertise: Text,
    noiseHandling: Text,
    largestDrawback: Text,
    exampleTools: z.array(IdSchema).min(1),
    glossary: z.array(IdSchema),
    bookRefs: z.array(BookRefSchema).min(1),
  })
  .strict();
export type MethodCategory = z.infer<typeof MethodCategorySchema>;

export const RestorationTaskSchema = z.enum(RESTORATION_TASKS);
export const DataNeedSchema = z.enum(DATA_NEEDS);
export const RunnerPresetSchema = z.enum(RUNNER_PRESETS);
export type RunnerPreset = z.infer<typeof RunnerPresetSchema>;

/** A restoration method of chapter 6, classical or deep learning. All in `knowledge/restoration-methods.json`. */
export const RestorationMethodSchema = z
  .object({
    id: IdSchema,
    name: Text,
    family: z.enum(['classical', 'supervised-dl', 'self-supervised-dl', 'physics-informed-dl', 'cross-modality-dl']),
    tasks: z.array(RestorationTaskSchema).min(1),
    /** Any one of these data situations is enough to use the method. */
    dataNeeds: z.array(DataNeedSchema).min(1),
    dimensionality: z.array(DimensionSchema).min(1),
    summary: Text,
    description: Text,
    failureModes: z.array(z.object({ kind: z.enum(['hallucination', 'over-smoothing', 'tiling-seams', 'artefacts', 'noise-amplification', 'domain-shift', 'other']), text: Text }).strict()).min(1),
    liveCellFriendly: z.boolean(),
    /**
     * The tool whose segmentation the method's output is made for, when it is not a faithful intensity
     * restoration (Cellpose3's restoration models serve Cellpose). Absent for general restoration.
     */
    forSegmentationWith: IdSchema.optional(),
    tools: z.array(IdSchema),
    /** The embedded 3D-RCAN runner preset this method maps to, when 3D-RCAN applies. */
    runnerPreset: RunnerPresetSchema.nullable(),
    glossary: z.array(IdSchema),
    bookRefs: z.array(BookRefSchema).min(1),
  })
  .strict();
export type RestorationMethod = z.infer<typeof RestorationMethodSchema>;

/** A glossary entry. One file: `knowledge/glossary/<id>.json`. */
export const GlossaryTermSchema = z
  .object({
    id: IdSchema,
    term: Text,
    /** Other spellings the glossary linker should recognise in prose ("IoU", "Jaccard index"). */
    aliases: z.array(Text),
    /** One sentence shown on hover/focus. */
    short: Text,
    /** 2–4 sentences in plain language for a biologist. */
    definition: Text,
    related: z.array(IdSchema),
    /** 'book' = one of the book glossary's 90 terms; 'navigator' = added by this project. */
    source: z.enum(['book', 'navigator']),
    /** The anchor on the book's glossary page; required for source 'book', absent otherwise. */
    bookAnchor: z.string().optional(),
    /** Product routes where the term matters ("/wizard", "/tools/cellpose", "/restore"). */
    pages: z.array(z.string().regex(/^\//, 'must be a site path starting with /')),
    bookRefs: z.array(BookRefSchema),
  })
  .strict()
  .refine((g) => (g.source === 'book') === (g.bookAnchor !== undefined), {
    message: 'bookAnchor is required for book terms and not allowed for navigator terms',
    path: ['bookAnchor'],
  });
export type GlossaryTerm = z.infer<typeof GlossaryTermSchema>;

/** A learning or community resource that is not a tool. All in `knowledge/resources.json`. */
export const ResourceSchema = z
  .object({
    id: IdSchema,
    name: Text,
    kind: z.enum(['book', 'tutorial', 'course', 'video', 'paper', 'guide', 'dataset']),
    url: HttpsUrl,
    summary: Text,
    topics: z.array(Text),
    bookRefs: z.array(BookRefSchema),
  })
  .strict();
export type Resource = z.infer<typeof ResourceSchema>;

// ---------------------------------------------------------------------------------------------
// Questions, answers, conditions

/** A visibility condition over answers. `q` is a question id; `is` matches any of the listed option ids. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { q: string; is: string[] }
  | { q: string; answered: boolean };
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ q: IdSchema, is: z.array(IdSchema).min(1) }).strict(),
    z.object({ q: IdSchema, answered: z.boolean() }).strict(),
  ]),
);

export const QuestionOptionSchema = z
  .object({
    id: IdSchema,
    /** Phrased as an outcome the user wants ("a separate outline for every cell"), not jargon. */
    label: Text,
    help: Text.optional(),
    glossary: z.array(IdSchema).default([]),
  })
  .strict();

export const QuestionSchema = z
  .object({
    id: IdSchema,
    /** Id of the section in `questions.json` `sections`. */
    section: IdSchema,
    text: Text,
    help: Text,
    kind: z.enum(['single', 'multi']),
    options: z.array(QuestionOptionSchema).min(2),
    /** Shown only when the condition holds; absent = always shown. */
    visibleIf: ConditionSchema.optional(),
    /** May be skipped. */
    optional: z.boolean().default(false),
    /** The user may mark this answer a must-have (book §8.3), so violating items are excluded. */
    canBeMustHave: z.boolean().default(false),
    glossary: z.array(IdSchema).default([]),
    bookRefs: z.array(BookRefSchema).min(1),
  })
  .strict();
export type Question = z.infer<typeof QuestionSchema>;

export const QuestionSectionSchema = z
  .object({ id: IdSchema, title: Text, intro: Text, bookRefs: z.array(BookRefSchema).min(1) })
  .strict();

/**
 * An earlier version of the question set, kept so that answer links made with it still open: the
 * question ids in their old order, each with its option ids in their old order (links store indices),
 * and a short note on what changed, shown when such a link is opened.
 */
export const PreviousQuestionSetSchema = z
  .object({
    version: z.number().int().min(1),
    questions: z.array(z.object({ id: IdSchema, options: z.array(IdSchema).min(1) }).strict()).min(1),
    note: Text,
  })
  .strict();
export type PreviousQuestionSet = z.infer<typeof PreviousQuestionSetSchema>;

/** `knowledge/questions.json`. */
export const QuestionSetSchema = z
  .object({
    version: z.number().int().min(1),
    sections: z.array(QuestionSectionSchema).min(1),
    questions: z.array(QuestionSchema).min(1),
    /** Earlier versions whose links still decode (their ids map 1:1 onto this version's). */
    previousVersions: z.array(PreviousQuestionSetSchema).optional(),
  })
  .strict();
export type QuestionSet = z.infer<typeof QuestionSetSchema>;

/** The answers to the wizard: question id → option id (single) or option ids (multi). */
export const AnswersSchema = z
  .object({
    values: z.record(IdSchema, z.union([IdSchema, z.array(IdSchema)])),
    /** Question ids whose answers are hard constraints (book §8.3 must-haves). */
    mustHave: z.array(IdSchema).default([]),
  })
  .strict();
export type Answers = z.infer<typeof AnswersSchema>;

// ---------------------------------------------------------------------------------------------

/** A decision tree of the book (Fig 9.2, 9.4, 9.9, 9.10; chapter 6). One file: `knowledge/trees/<id>.json`. */
export const DecisionTreeSchema = z
  .object({
    id: IdSchema,
    title: Text,
    summary: Text,
    /** The book figure it encodes, e.g. "Fig 9.4", or null for trees the project derived from prose. */
    figure: z.string().nullable(),
    root: IdSchema,
    nodes: z
      .array(
        z
          .object({
            id: IdSchema,
            type: z.enum(['question', 'decision', 'outcome']),
            label: Text,
            detail: Text.optional(),
            /** The wizard question that answers this node, for question nodes. */
            question: IdSchema.optional(),
            outcome: z
              .object({
                categories: z.array(CategoryIdSchema).default([]),
                tools: z.array(IdSchema).default([]),
                restorationMethods: z.array(IdSchema).default([]),
                advice: Text,
              })
              .strict()
              .optional(),
            bookRef: BookRefSchema,
          })
          .strict(),
      )
      .min(2),
    edges: z
      .array(
        z
          .object({
            from: IdSchema,
            to: IdSchema,
            label: Text,
            /**
             * The answers that take this edge. From a question node: `{q: <its question>, is: [...]}`.
             * From a decision node: any condition over answers (the integrity check enforces both).
             */
            when: ConditionSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    bookRefs: z.array(BookRefSchema).min(1),
  })
  .strict();
export type DecisionTree = z.infer<typeof DecisionTreeSchema>;

/** A worked example: the book's §8.7 case studies and the project's workshop presets. `knowledge/case-studies/<id>.json`. */
export const CaseStudySchema = z
  .object({
    id: IdSchema,
    title: Text,
    source: z.enum(['book', 'navigator']),
    summary: Text,
    profile: z
      .object({
        who: Text,
        data: Text,
        goal: Text,
        constraints: z.array(Text),
      })
      .strict(),
    steps: z
      .array(
        z
          .object({
            tried: Text,
            tools: z.array(IdSchema),
            category: CategoryIdSchema.nullable(),
            outcome: z.enum(['failed', 'partial', 'worked']),
            why: Text,
          })
          .strict(),
      )
      .min(1),
    lesson: Text,
    /** The wizard answers this case corresponds to; used as a preset. */
    answers: AnswersSchema,
    /** What the recommender must produce for these answers (checked by tests). */
    expected: z
      .object({
        topCategory: CategoryIdSchema.optional(),
        topTools: z.array(IdSchema).default([]),
        runnerPreset: RunnerPresetSchema.optional(),
      })
      .strict(),
    glossary: z.array(IdSchema),
    bookRefs: z.array(BookRefSchema).min(1),
  })
  .strict();
export type CaseStudy = z.infer<typeof CaseStudySchema>;

// ---------------------------------------------------------------------------------------------
// Book link data (copied from shared/reference; factual)

export const BookSectionSchema = z
  .object({ level: z.number().int(), number: Text, title: Text, anchor: z.string(), explicit: z.boolean(), url: HttpsUrl })
  .strict();
export const BookChapterSchema = z
  .object({ number: Text, title: Text, page: Text, anchor: z.string(), part: z.string().nullable(), url: HttpsUrl })
  .strict();
export const BookGlossaryEntrySchema = z.object({ term: Text, slug: Text, url: HttpsUrl }).strict();
export type BookSection = z.infer<typeof BookSectionSchema>;
export type BookChapter = z.infer<typeof BookChapterSchema>;
export type BookGlossaryEntry = z.infer<typeof BookGlossaryEntrySchema>;

export const BookMetaSchema = z
  .object({ title: Text, url: HttpsUrl, pdf: HttpsUrl, source: HttpsUrl, license: Text, citation_note: Text })
  .strict();
export type BookMeta = z.infer<typeof BookMetaSchema>;
