import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A PDF as a reader gets it: its text, and the QR code on its first page (see read-pdf.cjs). */
export function readPdf(bytes: Buffer): Promise<{ text: string; pages: number; qr: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'read-pdf.cjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`read-pdf failed (${code}): ${err}`))));
    child.stdin.end(bytes);
  });
}
