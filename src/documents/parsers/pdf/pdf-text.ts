import type { TextLine } from '../../../compliance/model.js';

/** Limits that keep one hostile or huge PDF from holding a worker: pages read, and wall time for the whole file. */
export interface PdfLimits {
  maxPages: number;
  timeoutMs: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 30, timeoutMs: 15_000 };

export type PdfFailure = 'password' | 'invalid' | 'timeout' | 'empty';

export class PdfReadError extends Error {
  constructor(readonly reason: PdfFailure, message: string) {
    super(message);
  }
}

export interface PdfText {
  pageCount: number;
  pagesRead: number;
  lines: TextLine[];
}

interface PositionedText {
  text: string;
  x: number;
  y: number;
  width: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | null = null;

/** pdf.js is only loaded when a PDF arrives, so JSON-only workloads never pay for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

/** Items on (almost) the same baseline form one line, read left to right; wide gaps become two spaces. */
export function groupIntoLines(items: PositionedText[], page: number): TextLine[] {
  const sorted = items.filter((item) => item.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PositionedText[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - item.y) <= 2) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row, index) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const item of row) {
      const gap = item.x - end;
      if (text !== '') text += gap > 15 ? '  ' : gap > 1 ? ' ' : '';
      text += item.text;
      end = item.x + item.width;
    }
    return { page, line: index + 1, text: text.replace(/[ \t]{3,}/g, '  ').trim() };
  });
}

async function readAllPages(pdf: Awaited<ReturnType<PdfJs['getDocument']>['promise']>, limits: PdfLimits, deadline: number): Promise<PdfText> {
  const pagesRead = Math.min(pdf.numPages, limits.maxPages);
  const lines: TextLine[] = [];
  for (let number = 1; number <= pagesRead; number += 1) {
    // The timer below cannot interrupt synchronous parsing, so the deadline is also checked between pages.
    if (Date.now() >= deadline) throw new PdfReadError('timeout', `reading the PDF took longer than ${limits.timeoutMs} ms`);
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const items: PositionedText[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      items.push({ text: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
    }
    lines.push(...groupIntoLines(items, number));
    page.cleanup();
  }
  return { pageCount: pdf.numPages, pagesRead, lines };
}

/** Extracts the text layer line by line; throws PdfReadError (never hangs past the time limit). */
export async function extractPdfText(bytes: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PdfText> {
  const deadline = Date.now() + limits.timeoutMs;
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfReadError('timeout', `reading the PDF took longer than ${limits.timeoutMs} ms`)), limits.timeoutMs);
  });
  try {
    return await Promise.race([task.promise.then((pdf) => readAllPages(pdf, limits, deadline)), timeout]);
  } catch (error) {
    throw toPdfReadError(error);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

function toPdfReadError(error: unknown): PdfReadError {
  if (error instanceof PdfReadError) return error;
  const name = (error as { name?: string })?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return new PdfReadError('password', 'the PDF is password-protected');
  return new PdfReadError('invalid', `the PDF cannot be read (${message})`);
}
