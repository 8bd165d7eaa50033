/** `npm run chambers -- <command>`: the operator's command line (OPS-3, OPS-6). */
import { pathToFileURL } from "node:url";
import { CliError, UsageError, oneLine } from "./errors.js";
import { migrateCommand } from "./migrate.js";
import { seedDemoCommand } from "./seed-demo.js";

export interface Command {
  name: string;
  /** The usage line after `chambers`, e.g. `migrate`. */
  usage: string;
  summary: string;
  run(args: string[]): Promise<void>;
}

const COMMANDS: Command[] = [migrateCommand, seedDemoCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    "Usage: npm run chambers -- <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  Show this help`,
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
    await command.run(args);
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // Leave by exit code rather than process.exit, so buffered output is never cut short.
  process.exitCode = await runCli(process.argv.slice(2));
}
