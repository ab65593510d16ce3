export { wizardMachine, type WizardContext, type WizardEvent, type WizardInput } from './wizard.machine';
export { isVisible, isValidAnswer, pruneAnswers, visibleQuestions, checkQuestionOrder } from './conditions';
export { selectAnswers, selectCurrentQuestion, selectProgress, selectRecommendation, selectVisibleQuestions, type WizardProgress, type WizardSnapshot } from './selectors';
export { ANSWERS_PARAM, checkPreviousVersions, decodeAnswers, encodeAnswers, type DecodeResult } from './url-codec';
export { settingsHint, type ToolSettingsHint } from './settings-hint';
