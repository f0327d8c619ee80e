/// <reference types="node" />
/**
 * `moment-sandbox --port 4010 [--host 127.0.0.1]`: runs the local sandbox until interrupted and
 * logs one line per request (method, path, status — never a card number, token or header).
 */
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './index.js';

const HELP = `Usage: moment-sandbox [options]

Runs the Moment Elements local sandbox: the payment sessions API, the frame pages,
test cards, simulated 3-D Secure and signed webhooks, all in memory.

Options:
  --port <n>              Port to listen on (0 picks a free one). Default 4010.
  --host <address>        Interface to bind. Default 127.0.0.1.
  --session-ttl <s>       Payment session lifetime in seconds. Default 1800.
  --max-failed-attempts <n>  Failed attempts before a session locks. Default 5.
  --frames-dir <path>     Directory of the built frame bundles. Default: dist/frames.
  --webhook-url <url>     Send signed webhooks to this URL (needs --webhook-secret); https,
                          or http to localhost / 127.0.0.1 / [::1].
  --webhook-secret <s>    Secret for the Dojo-Signature and Moment-Signature HMACs.
  --gallery <dir>         Also serve this static directory (e.g. storybook-static) on
                          http://localhost:<gallery-port>/, an origin of its own.
  --gallery-port <n>      Port for --gallery (0 picks a free one). Default 6007.
  --public-origin <url>   The origin clients use when it is not a loopback URL; its host
                          is accepted in Host headers and it names the frames origin.
  --demo-url <url>        Where the demo shop runs, linked from the sandbox's home page.
  --demo-rate-limit <n>   Demo sessions per minute per page origin and IP. Default 60.
  --quiet                 Do not log requests.
  -h, --help              Show this help.
`;

function fail(message: string): never {
  process.stderr.write(`moment-sandbox: ${message}\nRun 'moment-sandbox --help' for usage.\n`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) fail(`--${name} must be a whole number.`);
  return Number(raw);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'session-ttl': { type: 'string' },
        'max-failed-attempts': { type: 'string' },
        'frames-dir': { type: 'string' },
        'webhook-url': { type: 'string' },
        'webhook-secret': { type: 'string' },
        gallery: { type: 'string' },
        'gallery-port': { type: 'string' },
        'public-origin': { type: 'string' },
        'demo-url': { type: 'string' },
        'demo-rate-limit': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if ((values['webhook-url'] === undefined) !== (values['webhook-secret'] === undefined)) {
    fail('--webhook-url and --webhook-secret go together.');
  }

  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const options: SandboxOptions = {
    port: integer('port', values.port) ?? 4010,
    host: values.host ?? '127.0.0.1',
    log: values.quiet ? () => {} : log,
  };
  const ttl = integer('session-ttl', values['session-ttl']);
  if (ttl !== undefined) options.sessionTtlSeconds = ttl;
  const maxFailed = integer('max-failed-attempts', values['max-failed-attempts']);
  if (maxFailed !== undefined) options.maxFailedAttempts = maxFailed;
  if (values['frames-dir'] !== undefined) options.framesDir = values['frames-dir'];
  if (values['webhook-url'] !== undefined && values['webhook-secret'] !== undefined) {
    options.webhook = { url: values['webhook-url'], secret: values['webhook-secret'] };
  }
  if (values['gallery-port'] !== undefined && values.gallery === undefined) fail('--gallery-port needs --gallery <dir>.');
  if (values.gallery !== undefined) {
    options.gallery = { dir: values.gallery, port: integer('gallery-port', values['gallery-port']) ?? 6007 };
  }
  if (values['public-origin'] !== undefined) options.publicOrigin = values['public-origin'];
  if (values['demo-url'] !== undefined) options.demoUrl = values['demo-url'];
  const demoRate = integer('demo-rate-limit', values['demo-rate-limit']);
  if (demoRate !== undefined) options.demoSessionsPerMinute = demoRate;

  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const { code, port } = error as NodeJS.ErrnoException & { port?: number };
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port ?? options.port} is already in use (choose another with --port${options.gallery ? ' or --gallery-port' : ''})`
        : code === 'ENOENT' && options.gallery
          ? `gallery directory not found: ${options.gallery.dir}`
          : error instanceof Error
            ? error.message
            : String(error);
    process.stderr.write(`moment-sandbox: cannot start: ${reason}\n`);
    process.exit(1);
  }
  process.stdout.write(`Moment sandbox listening on ${sandbox.origin}\n`);
  if (sandbox.gallery) process.stdout.write(`Gallery: ${sandbox.gallery.origin}/\n`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(options.host ?? '')) {
    process.stderr.write('moment-sandbox: warning: listening beyond loopback; the sandbox has no real security.\n');
    if (options.publicOrigin === undefined) {
      process.stderr.write(
        'moment-sandbox: requests are answered for loopback names and the bound address only; pass --public-origin <url> for the name clients use.\n',
      );
    }
  }

  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`Received ${signal}, shutting down\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
