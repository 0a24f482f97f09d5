import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';

/**
 * Reads the one-time enrolment token IT was given: from a file (`--token-file FILE`), or from
 * standard input (piped, or pasted at a prompt). Never from the command line, where every user
 * of the machine sees it in `ps` and the shell keeps it in its history.
 */
export async function readEnrolmentToken(options: { tokenFile?: string; stdin?: NodeJS.ReadStream; prompt?: NodeJS.WritableStream } = {}): Promise<string> {
  const stdin = options.stdin ?? process.stdin;
  let text: string;
  if (options.tokenFile !== undefined && options.tokenFile !== '-') {
    text = await readFile(options.tokenFile, 'utf8');
  } else if (stdin.isTTY) {
    const lines = createInterface({ input: stdin, output: options.prompt ?? process.stderr, terminal: true });
    try {
      text = await lines.question('Paste the one-time enrolment token from the council, then press Enter: ');
    } finally {
      lines.close();
    }
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  }
  const token = text.trim();
  if (token === '') {
    throw new Error(`No enrolment token ${options.tokenFile !== undefined && options.tokenFile !== '-' ? `in ${options.tokenFile}` : 'on standard input'}: pipe it in (enrol … < token.txt) or use --token-file FILE.`);
  }
  if (/\s/.test(token)) throw new Error('The enrolment token has spaces or several lines in it: give the token alone.');
  return token;
}
