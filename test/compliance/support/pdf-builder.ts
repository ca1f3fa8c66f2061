import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';

/** One printed line: text at a column (x, in points) on a row counted from the top of the page. */
export interface PrintedLine {
  text: string;
  row: number;
  x?: number;
}

/** Builds a text-layer PDF at test time so that no binary fixture has to be trusted or kept in sync. */
export async function buildPdf(pages: PrintedLine[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    for (const line of lines) page.drawText(line.text, { x: line.x ?? 40, y: 800 - line.row * 16, size: 10, font });
  }
  return Buffer.from(await pdf.save());
}

/** Lines printed one per row, starting at the top. */
export function rows(...texts: string[]): PrintedLine[] {
  return texts.map((text, row) => ({ text, row }));
}

/**
 * A PDF whose trailer points at a Standard security handler with a user password nobody knows: readers must ask
 * for a password. pdf-lib cannot encrypt, so the dictionary is added by hand with random-looking O/U entries.
 */
export async function buildPasswordProtectedPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText('Confidential', { x: 50, y: 700, font });
  const context = pdf.context;
  const encrypt = context.obj({
    Filter: 'Standard', V: 1, R: 2, P: -4,
    O: PDFHexString.of('11'.repeat(32)),
    U: PDFHexString.of('22'.repeat(32)),
  });
  context.trailerInfo.Encrypt = context.register(encrypt);
  context.trailerInfo.ID = context.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
