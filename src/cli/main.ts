/** `npm run chambers -- <command>`: the operator's command line (OPS-3, OPS-6, ACC-7, FEED-4). */
import { CliError, UsageError, oneLine } from "./errors.js";

/** What every command module exports: it throws to fail, CliError for an expected failure. */
export type RunCommand = (args: string[]) => Promise<void>;

interface Command {
  name: string;
  /** The usage line after `chambers`, e.g. `migrate`. */
  usage: string;
  summary: string;
  /** Loaded on use, so `help` does not pay for the database driver and argon2. */
  load(): Promise<{ run: RunCommand }>;
}

const COMMANDS: Command[] = [
  { name: "migrate", usage: "migrate", summary: "Apply the database migrations this version needs", load: () => import("./migrate.js") },
  {
    name: "seed-demo",
    usage: "seed-demo [--email owner@example.com] [--domain example.com] [--password ...]",
    summary: 'Create the demo firm "Whitford & Hale LLP" with its people, all signing in with one printed password',
    load: () => import("./seed-demo.js"),
  },
  {
    name: "transfer-ownership",
    usage: 'transfer-ownership --firm <firm_id> --to <admin@example.com> --justification "<why, e.g. an affidavit reference>"',
    summary: "Make an active administrator the firm's primary subscriber when the owner cannot; the firm feed records the justification",
    load: () => import("./transfer-ownership.js"),
  },
  {
    name: "verify-feed",
    usage: "verify-feed [--firm <firm_id>]",
    summary: "Check that each firm's feed is whole and unaltered (its hash chain); exits 1 if one is not",
    load: () => import("./verify-feed.js"),
  },
];

export function usage(): string {
  return [
    "Usage: npm run chambers -- <command> [options]",
    "",
    "Commands:",
    ...[...COMMANDS, { usage: "help", summary: "Show this help" }].flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    "",
    "The database comes from DATABASE_URL (PostgreSQL) or else DATA_DIR (embedded, default ./data).",
  ].join("\n");
}

/** Runs one command line and returns the process exit code: 0 done, 1 failed, 2 misused. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    if (name && !["help", "--help", "-h"].includes(name)) process.stderr.write(`Unknown command: ${name}\n\n`);
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  try {
    await (await command.load()).run(args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      process.stderr.write(`chambers ${command.name}: ${oneLine(err)}\nUsage: npm run chambers -- ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`chambers ${command.name}: ${oneLine(err)}\n`);
    if (!(err instanceof CliError) && process.env.CHAMBERS_DEBUG) console.error(err);
    return 1;
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

// Leave by exit code rather than process.exit, so buffered output is never cut short.
process.exitCode = await runCli(process.argv.slice(2));
