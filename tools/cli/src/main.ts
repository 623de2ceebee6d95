// Entry of `npx soc <command>`. Commands are added in their own files and dispatched here.
const [command] = process.argv.slice(2);
process.stderr.write(`soc: unknown command '${command ?? ''}' (available: hunt)\n`);
process.exit(2);
