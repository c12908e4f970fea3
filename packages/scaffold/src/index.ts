export { ScaffoldError, type ScaffoldErrorCode } from './errors.js';
export { FEATURES, type Feature } from './features.js';
export { FRAMEWORKS, generateProject, type DatabaseChoice, type Framework, type NewProjectOptions, type NewProjectResult } from './generate.js';
export { addToProject, GENERATOR_KINDS, type AddOptions, type AddResult, type GeneratorKind } from './add/add.js';
export { DEFAULT_TEMPLATES_DIR } from './paths.js';
