import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { checkCommand } from './check.js';
import { explainCommand } from './explain.js';
import { graphCommand } from './graph.js';
import { newCommand } from './new.js';
import { probeCommand } from './probe.js';
import { reviewCommand } from './review.js';

/** Every `strata <name>` command, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [reviewCommand, checkCommand, graphCommand, newCommand, addCommand, explainCommand, probeCommand];
