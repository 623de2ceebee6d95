/** One Dockerfile instruction: keyword (upper case) and its raw arguments, continuations joined. */
export interface DockerInstruction {
  keyword: string;
  args: string;
}

/** Parses a Dockerfile into instructions (comments dropped, `\` line continuations joined). */
export function parseDockerfile(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    pending += pending ? ` ${line}` : line;
    if (pending.endsWith('\\')) {
      pending = pending.slice(0, -1).trimEnd();
      continue;
    }
    const m = /^(\S+)\s*([\s\S]*)$/.exec(pending);
    if (m) out.push({ keyword: (m[1] as string).toUpperCase(), args: (m[2] as string).trim() });
    pending = '';
  }
  return out;
}

/** The command of an exec-form (JSON array) instruction, e.g. ENTRYPOINT ["node", "x"]. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec-form array: ${args}`);
  return parsed as string[];
}
