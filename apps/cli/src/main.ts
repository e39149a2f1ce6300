import { loadConfig } from '@banca/config';
import { runCli } from './cli.program';
import type { CliIo } from './cli.types';

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
  },
};

void runCli(process.argv, { io, loadConfig: () => loadConfig() }).then((code) => {
  process.exitCode = code;
});
