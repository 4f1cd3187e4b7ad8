/** Typed action commands: the real tools' syntax for every catalog action, parsed and completed. */
export { completeActionCommand } from './complete';
export { liveTopology } from './live-topology';
export { ACTION_TOOLS, parseActionCommand, type ParseResult } from './parse';
export {
  COMMAND_SYNTAX,
  commandEntries,
  commandLine,
  defaultParams,
  type CommandEntry,
  type CommandTopology,
} from './syntax';
export {
  completeEscalationCommand,
  isEscalationLine,
  parseEscalationCommand,
  teamActions,
  type EscalationRequest,
} from './escalate';
