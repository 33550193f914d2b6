// The `sse-scope` command line program (started by index.ts): builds the commander program and
// registers each command from its own module; each command loads the modules that do its work
// only when it runs. Exit status 2 means bad usage, for commander's own errors (unknown option,
// missing argument) as much as for ours; commander alone would use 1, which means a failed capture.

import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registerCaptureCommand } from './capture-command.ts';
import { registerCapturesCommand } from './captures-command.ts';
import { EXIT_USAGE } from './command-exit.ts';
import { registerExportCommand } from './export-command.ts';
import { registerLlmCommand } from './llm-command.ts';
import { registerReplayCommand } from './replay-command.ts';
import { registerSearchCommand } from './search-command.ts';
import { registerWatchCommand } from './watch-command.ts';
import { messageOf } from '../common/error-message.ts';

function buildProgram(): Command {
  const program = new Command('sse-scope')
    .description('SSE Scope: watch, record and debug Server-Sent Events streams from the command line.')
    .version(packageJson.version)
    .showHelpAfterError("(see 'sse-scope --help')")
    // Set before the commands are added: each `program.command()` inherits it.
    .exitOverride();
  registerCaptureCommand(program);
  registerCapturesCommand(program);
  registerSearchCommand(program);
  registerExportCommand(program);
  registerReplayCommand(program);
  registerWatchCommand(program);
  registerLlmCommand(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; everything else commander rejects is bad usage.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`sse-scope: ${messageOf(error)}\n`);
    process.exitCode = 1;
  }
}

// A reader that goes away early (`sse-scope --help | head`) must not crash the program with a stack
// trace. Commands that write records to stdout watch its errors themselves (see record-output.ts).
process.stdout.on('error', () => {});

await main(process.argv);
