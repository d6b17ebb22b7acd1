import { inflateSync } from 'node:zlib';

/** The text a PDF shows: pdfkit writes each run as hex strings in `[…] TJ`, in deflated streams. */
export function pdfText(pdf: Buffer): string {
  const runs: string[] = [];
  const raw = pdf.toString('latin1');
  for (const [, content = ''] of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let page: string;
    try {
      page = inflateSync(Buffer.from(content, 'latin1')).toString('latin1');
    } catch {
      continue; // An image or a font, not a content stream.
    }
    for (const [, run = ''] of page.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...run.matchAll(/<([0-9a-f]*)>/gi)].map(([, chunk]) => chunk).join('');
      runs.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return runs.join('\n');
}
