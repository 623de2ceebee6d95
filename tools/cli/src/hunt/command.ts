/**
 * `soc hunt` as a process sees it: arguments in, exit code out. Every HuntError becomes
 * exit 2 with its message on stderr; anything else is a bug and is printed with its stack.
 */
import type { Writable } from 'node:stream';
import { EXIT_USAGE, HuntError } from '../errors';
import { HUNT_USAGE, parseHuntArgs } from './args';
import { runHunt } from './hunt';

/** Runs `soc hunt <argv>` and returns the exit code. */
export async function huntCommand(argv: readonly string[], io: { stdout: Writable; stderr: Writable; now(): number }): Promise<number> {
  try {
    const opts = parseHuntArgs(argv);
    if (opts.help) {
      io.stdout.write(HUNT_USAGE);
      return 0;
    }
    return (await runHunt(opts, io)).exitCode;
  } catch (e) {
    if (!(e instanceof HuntError)) throw e;
    io.stderr.write(`soc hunt: ${e.message}\n`);
    if (e.kind === 'usage') io.stderr.write(`\n${HUNT_USAGE}`);
    return EXIT_USAGE;
  }
}
