import type { StackAbout } from '../core/stack.js';

/**
 * Help texts. They are plain strings on purpose: `fieldstation --help` must not load the servers, the
 * template engine or the YAML parser; what it says of the servers comes from their one-line descriptions
 * (src/stacks/catalog.ts). The answer keys live in the catalogue: `fieldstation questions`.
 */
export const EXIT_CODES = `Exit codes:
  0    done
  1    internal error (a bug: please report it)
  2    bad usage or bad answers (nothing was written)
  3    preflight failed: the folder or machine is not ready (nothing was written)
  4    a bootstrap step failed
  130  interrupted`;

/** apply and resume: how destructive steps are confirmed. */
const DESTRUCTIVE = `
Steps that change or delete data are marked destructive in the plan and asked about first. One that wipes
a device (formats a disk) first shows what is on it (size, model, serial, partitions, signatures, mounts)
and runs only when you type the device path back. Without a terminal, or with --yes-destructive, it runs
only with --yes-destructive and --wipe-device naming that device; otherwise the run stops before it,
showing the device and the command that runs it.`;

const DESTRUCTIVE_OPTIONS = `  --yes-destructive   Run steps that change or delete data without asking; a step that wipes a device
                      also needs --wipe-device naming it, or the run stops before it
  --wipe-device PATH  With --yes-destructive: the device a step may wipe, exactly as the plan names
                      it (repeatable)`;

const main = (servers: readonly StackAbout[]) => `fieldstation: sets up self-hosted research-data servers

Usage:
  fieldstation                 Ask the questions step by step (the same as fieldstation setup)
  fieldstation <command> [options]

Commands:
  setup      The interactive wizard: questions, review with diffs, then apply with live progress
  validate   Check an answers file and list every problem at once
  plan       Show what apply would write (diffs, secrets masked) and the bootstrap steps
  apply      Check the machine, write the server's files and run its bootstrap steps
  resume     Continue an interrupted or failed bootstrap where it stopped
  upgrade    Run a new version of the server: the answers file gets it, then apply upgrades in order
  doctor     Check that this machine is ready for the bootstrap steps (changes nothing)
  questions  List the questions (the answers-file keys) of a server
  schema     Print the JSON Schema of answers files
  help       Show help for a command

Options:
  -h, --help      Show help (for a command: fieldstation <command> --help)
  -V, --version   Show the version

Servers:
${servers.map((s) => `  ${s.id.padEnd(10)} ${s.title}: ${s.tagline}`).join('\n')}
${operationLines(servers)}
Start from an example answers file: ${servers.flatMap((s) => s.examples).join(', ')}.
Results go to stdout; progress, warnings and errors go to stderr.

${EXIT_CODES}
`;

const commands = (servers: readonly StackAbout[]): Readonly<Record<string, string>> => ({
  validate: `Usage: fieldstation validate --answers FILE [--json]

Checks an answers file without writing anything: YAML syntax, version and stack, every answer against
the server's questions, and every secret reference (environment variables set, files readable, values
long enough). Every problem is listed at once with its key, line, what is wrong and what would be valid.

Options:
  --answers FILE  The answers file (YAML) to check (required)
  --json          Print the result as JSON on stdout
  -h, --help      Show this help

Exit: 0 when the answers can be used (warnings may be printed), 2 otherwise.
`,
  plan: `Usage: fieldstation plan --answers FILE [--dir DIR] [--no-diff]

Shows what \`apply\` would do in DIR and changes nothing: each file new, changed or unchanged with a unified
diff (every secret masked), and the bootstrap steps that would run, as exact commands.
Secrets left to {generate: true} are kept from the files already in DIR, or shown as newly generated.

Options:
  --answers FILE  The answers file (YAML) (required)
  --dir DIR       The install folder (default: the current folder)
  --no-diff       List the files without their diffs
  -h, --help      Show this help
`,
  apply: `Usage: fieldstation apply --answers FILE [--dir DIR] [--yes] [options]

Checks the machine (the same checks as \`fieldstation doctor\`), writes the server's configuration files
into DIR, then runs its bootstrap steps with live progress and a log.

Files: each is replaced atomically (a killed run leaves every file whole, old or new); files holding
secrets are created with mode 0600; a symbolic link at a target is refused; the previous version of each
changed file is kept in DIR/.fieldstation/backups/<time>/; DIR/.fieldstation/state.json records the
answers (never secret values) for later runs.

Steps: independent steps run in parallel; a step whose work is already there is skipped and says why;
every run is logged to DIR/.fieldstation/logs/<time>.log (mode 0600, secrets masked) and journaled, so
\`fieldstation resume --dir DIR\` continues a failed or interrupted run without redoing finished steps.
Ctrl-C, SIGTERM and a dropped SSH session (SIGHUP) stop the running steps cleanly.
${DESTRUCTIVE}

Options:
  --answers FILE      The answers file (YAML) (required)
  --dir DIR           The install folder (default: the current folder)
  -y, --yes           Do not ask for confirmation (required without a terminal); it never runs a
                      destructive step: those need --yes-destructive
  --skip-bootstrap    Write the files only; run no check and no step
  --skip-check NAME   Go on although this preflight check fails (repeatable; names: fieldstation doctor)
${DESTRUCTIVE_OPTIONS}
  --connect-to H:P    Send the health checks to H:P (e.g. 127.0.0.1:443) instead of where DNS points,
                      keeping the host name for TLS; for checking before DNS is switched over
  --json              Print the progress as JSON lines (one event each) on stdout
  -h, --help          Show this help

${EXIT_CODES}
`,
  resume: `Usage: fieldstation resume [--dir DIR] [options]

Continues the last bootstrap in DIR at its first unfinished step, without redoing the finished ones;
when none has run yet (files written with --skip-bootstrap, or the wizard's "write the files only"),
it runs the whole bootstrap. It needs no answers file: the answers come from DIR/.fieldstation/state.json
and the secrets from the files apply wrote. The machine is checked first, as in apply.
${DESTRUCTIVE}

Options:
  --dir DIR           The install folder (default: the current folder)
  --skip-check NAME   Go on although this preflight check fails (repeatable)
${DESTRUCTIVE_OPTIONS}
  --connect-to H:P    Send the health checks to H:P instead of where DNS points
  --json              Print the progress as JSON lines on stdout
  -h, --help          Show this help

${EXIT_CODES}
`,
  doctor: `Usage: fieldstation doctor [--dir DIR] [--answers FILE] [--skip-check NAME]... [--json]

Checks that this machine is ready for the server's bootstrap steps, and changes nothing. Each check
passes, warns or fails; a warning or failure says what to do. \`apply\` runs the same checks before any step.

Each server picks its checks, and prints each under its name. The shared ones:
  docker      the Docker engine answers (\`docker info\`)
  compose     Docker Compose v2 is installed (\`docker compose version\`)
  ports       the ports the server listens on are free
  disk        free space for the server's data and containers (the server's estimate from your answers)
  memory      enough memory for the server to run well
  dns         the server's names resolve to this machine (a different address only warns: NAT and
              load balancers are fine)
  privileges  root, or use of the Docker engine, and the folders the steps write can be created or written
  tcp         a service the steps talk to (an existing database, say) accepts connections
  tool        a program a step runs on this machine is installed

The answers come from --answers, or else from DIR/.fieldstation/state.json (written by apply). Secret
values are not read: doctor works before the S3 keys are exported.

Options:
  --dir DIR          The install folder (default: the current folder)
  --answers FILE     The answers file (YAML) (default: the answers apply recorded in DIR)
  --skip-check NAME  Go on despite this check's failure (repeat for more checks)
  --json             Print the results as JSON on stdout
  -h, --help         Show this help

Exit: 0 when no check failed (warnings allowed), 2 for bad usage or answers, 3 when a check failed.
`,
  setup: `Usage: fieldstation setup [--dir DIR] [--stack NAME] [options]

Asks for the server's settings one screen at a time (defaults shown and taken with Enter, ? for help,
Esc to go back), shows every answer for review (any can be changed) and the plan with each file's diff,
then checks the machine, writes the files and runs the bootstrap with live progress. If a machine check
fails it shows every check with its fix and offers: check again, skip a failed check (saying what will
break), write the files only and run the bootstrap later, or back to the review; no answer is lost.
In a folder that already holds an install it offers to reconfigure it (on the review, with every
recorded answer; secrets are kept as they are unless you change them) or to resume a bootstrap that
did not finish (the default then). The answers are saved to DIR/.fieldstation/answers.yaml for replay
with \`fieldstation apply --answers\`; secrets appear there only as references, never as values.

Answers given and not yet applied are never lost: when the wizard ends before writing (Ctrl-C, a quit,
SIGTERM, a dropped SSH session, an apply refused) they are saved in DIR/.fieldstation/draft.yaml
(mode 0600; secrets you typed only in DIR/.fieldstation/draft-secrets/, one 0600 file each), and the
next start in DIR offers to continue them or to discard them.

It needs a terminal: without one it asks nothing and lists the answers to put in an answers file.

Options:
  --dir DIR           The install folder (default: the current folder)
  --stack NAME        The server: ${servers.map((x) => x.id).join(', ')} (default: the one installed in DIR,
                      else the only one; with several, the wizard asks)
  --plain             Ask line by line without redrawing the screen (serial consoles, screen readers);
                      also used when TERM=dumb or CI is set
  --skip-bootstrap    Write the files only; run no check and no step
  --skip-check NAME   Go on although this preflight check fails (repeatable; names: fieldstation doctor)
  --connect-to H:P    Send the health checks to H:P instead of where DNS points
  --yes-destructive   Run steps that change or delete data without asking; a step that wipes a device
                      still asks for its path typed back, unless --wipe-device names it
  --wipe-device PATH  With --yes-destructive: the device a step may wipe without asking, exactly as
                      the plan names it (repeatable)
  -h, --help          Show this help

Keys: Enter takes the answer (or the default shown), Esc goes back, ? shows the question's help,
arrows and typing choose from a list. Ctrl-C asks before quitting (exit 130, the answers kept as a
draft); a quit from a menu exits 0. While the bootstrap runs, Ctrl-C asks before stopping it; SIGTERM
and SIGHUP stop it without asking. Either way the running step is stopped cleanly (SIGTERM, then
SIGKILL after a grace period) and \`fieldstation resume --dir DIR\` continues at it.
In line mode (--plain) each answer is a line: type it (or a list's number) and press Enter; < goes back and
? shows the help. Lines typed ahead answer the next questions in order. Typed secrets are not echoed and are
asked twice.

${EXIT_CODES}
`,
  questions: `Usage: fieldstation questions [--stack NAME] [--markdown]

Lists a server's questions: the keys of its answers file, their kinds, defaults and meaning.

Options:
  --stack NAME  The server: ${servers.map((x) => x.id).join(', ')} (default: all)
  --markdown    Print Markdown tables (as in the README)
  -h, --help    Show this help
`,
  schema: `Usage: fieldstation schema

Prints the JSON Schema of answers files (all servers) on stdout. Editors such as VS Code can use it to
check answers files as you type. It is generated from the same questions as everything else.
`,
  help: `Usage: fieldstation help [COMMAND]
`,
  upgrade: `Usage: fieldstation upgrade --to TAG --answers FILE [--dir DIR] [--yes] [options]

Runs a new version of the server. The answers file gets the new version (the image's tag; a whole image
reference with / replaces the image), checked first: nothing is written when the new answers have a
problem (Ichnaea refuses its sunset tags). Then \`apply\` runs with them, and the server's steps upgrade in
the order upstream asks. Ichnaea: the scheduler and workers stop, the new image's migrations run, the
scheduler and workers start on it, then web (which works with the old schema and the new). The file keeps
the new version, so the next apply does not go back to the old one.
A server whose version is not an answer (e-mission, Sticky Pi for now) says so and changes nothing.

Options:
  --to TAG            The new tag (e.g. 2023.01.16) or image (required)
  --answers FILE      The answers file to change and apply (required)
  --dir DIR           The install folder (default: the current folder)
  -y, --yes           Apply without asking (needed without a terminal)
  --skip-bootstrap    Change the answers file and write the server's files only; run no step
  --skip-check NAME   Go on although this preflight check fails (repeatable)
  --connect-to H:P    Send the health checks to H:P instead of where DNS points
  --json              Print the outcome as JSON on stdout
  -h, --help          Show this help

${EXIT_CODES}
`,
});

/** The servers' operations, for the main help: empty when none has any. */
function operationLines(servers: readonly StackAbout[]): string {
  const ops = servers.flatMap((s) => (s.operations ?? []).map((o) => `  ${o.name.padEnd(12)} ${o.summary} (${s.title})`));
  return ops.length === 0 ? '' : `\nOperations on an installed server (fieldstation <operation> --help):\n${ops.join('\n')}\n`;
}

/** The help of an operation, from the catalogue. */
function operationHelp(servers: readonly StackAbout[], name: string): string | undefined {
  for (const s of servers) {
    const o = s.operations?.find((x) => x.name === name);
    if (!o) continue;
    return `Usage: fieldstation ${o.name} ${o.usage}

${s.title}: ${o.help}

Options:
${o.options.join('\n')}
  --dir DIR        The install folder (default: the current folder)
  --yes, -y        Run the steps without asking (needed without a terminal)
  --json           Print the outcome as JSON on stdout
  -h, --help       Show this help

${EXIT_CODES}
`;
  }
  return undefined;
}

/** Whether `name` is an operation of one of these servers (dispatched to the operate command). */
export const isOperation = (name: string, servers: readonly StackAbout[]): boolean => servers.some((s) => s.operations?.some((o) => o.name === name));

/** The main help, for these servers. */
export const mainHelp = (servers: readonly StackAbout[]): string => main(servers);

/** A command's help, or undefined for an unknown command. */
export const commandHelp = (name: string, servers: readonly StackAbout[]): string | undefined => commands(servers)[name] ?? operationHelp(servers, name);
