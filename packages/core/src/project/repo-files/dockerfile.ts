/** One instruction of a Dockerfile, continuation lines joined. */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

export interface DockerCopy {
  /** `--from=<stage or image>`: copied from another stage or image, not from the build context. */
  from: string | null;
  sources: string[];
  line: number;
}

export interface DockerStage {
  /** The base image (`node:20-slim`) or an earlier stage's name. */
  image: string;
  name: string | null;
  line: number;
  /** The last `USER` of the stage (what its processes run as), or null when it sets none. */
  user: { name: string; line: number } | null;
  copies: DockerCopy[];
  runs: { command: string; line: number }[];
}

export interface Dockerfile {
  file: string;
  stages: DockerStage[];
  /** `CMD`/`ENTRYPOINT` of the last stage, as written. */
  command: { text: string; line: number } | null;
  /** `HEALTHCHECK CMD …` of the last stage (`HEALTHCHECK NONE` is none). */
  healthcheck: { text: string; line: number } | null;
}

/** The words of an instruction's arguments, from the JSON form (`["a", "b"]`) or the shell form. */
function words(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
    } catch {
      // not JSON after all: the shell form
    }
  }
  return trimmed.split(/\s+/).filter(Boolean);
}

/** Instructions with line continuations joined and comments dropped; the line is the instruction's first. */
export function dockerInstructions(text: string): DockerInstruction[] {
  const lines = text.split('\n');
  // The escape character may be changed by a parser directive (`# escape=``) at the top.
  const escape = /^#\s*escape\s*=\s*`/i.test(lines.find((line) => line.trim()) ?? '') ? '`' : '\\';
  const instructions: DockerInstruction[] = [];
  let pending: { text: string; line: number } | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    if (!pending && (!line.trim() || line.trimStart().startsWith('#'))) return;
    if (pending && line.trimStart().startsWith('#')) return; // comments inside a continued instruction
    const continued = line.endsWith(escape);
    const body = continued ? line.slice(0, -1) : line;
    if (pending) pending.text += ` ${body.trim()}`;
    else pending = { text: body.trim(), line: index + 1 };
    if (continued) return;
    const match = /^([A-Za-z]+)\s*(.*)$/s.exec(pending.text);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: pending.line });
    pending = null;
  });
  if (pending) {
    const match = /^([A-Za-z]+)\s*(.*)$/s.exec((pending as { text: string }).text);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: (pending as { line: number }).line });
  }
  return instructions;
}

/** The stages of a Dockerfile, each with its user, copies and commands. */
export function parseDockerfile(file: string, text: string): Dockerfile {
  const stages: DockerStage[] = [];
  let command: Dockerfile['command'] = null;
  let healthcheck: Dockerfile['healthcheck'] = null;
  for (const instruction of dockerInstructions(text)) {
    const { keyword, args, line } = instruction;
    if (keyword === 'FROM') {
      const parts = words(args).filter((word) => !word.startsWith('--'));
      const as = parts.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ image: parts[0] ?? '', name: as >= 0 ? (parts[as + 1] ?? null) : null, line, user: null, copies: [], runs: [] });
      command = null;
      healthcheck = null;
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARG before the first FROM, or no FROM at all
    if (keyword === 'USER') {
      const name = words(args)[0];
      if (name) stage.user = { name, line };
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      // Flags come first (`--chown=node:node --from=build`), then the shell or the JSON form of the paths.
      let rest = args.trim();
      let from: string | null = null;
      for (let flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); flag; flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
        if (flag[1] === 'from') from = flag[2] ?? '';
        rest = rest.slice(flag[0].length);
      }
      const paths = words(rest);
      // Heredoc copies (`COPY <<EOF /x`) write literal text, no source from the context.
      if (paths.some((part) => part.startsWith('<<'))) continue;
      stage.copies.push({ from, sources: paths.slice(0, -1), line });
    } else if (keyword === 'RUN') {
      stage.runs.push({ command: words(args).filter((word) => !/^--(mount|network|security)=/.test(word)).join(' '), line });
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      command = { text: words(args).join(' '), line };
    } else if (keyword === 'HEALTHCHECK') {
      healthcheck = /^\s*NONE\s*$/i.test(args) ? null : { text: args.trim(), line };
    }
  }
  return { file, stages, command, healthcheck };
}
