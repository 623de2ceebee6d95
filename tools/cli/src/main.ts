// Entry of `npx soc <command>`: process concerns only (argv, exit code, EPIPE); each command
// lives in its own module.
import { huntCommand } from './hunt/command';

const USAGE = 'usage: soc <command> [options]\n\ncommands:\n  hunt   run Sigma rules over event files (soc hunt --help)\n';

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdout: process.stdout, stderr: process.stderr, now: () => performance.now() };
  if (command === 'hunt') return huntCommand(rest, io);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`soc: unknown command '${command}' (available: hunt)\n`);
  return 2;
}

// If the event loop ever empties before the command settles (a promise nobody resolves), say so
// and fail instead of exiting 0 with a cut-off output.
let settled = false;

// `soc hunt ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  settled = true;
  process.exit(0);
});

process.on('exit', () => {
  if (settled) return;
  process.stderr.write('soc: internal error: stopped before the command finished\n');
  process.exitCode = 70;
});

main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (e: unknown) => {
    settled = true;
    process.stderr.write(`soc: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
