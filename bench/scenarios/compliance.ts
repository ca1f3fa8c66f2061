import { performance } from 'node:perf_hooks';
import { checkDocument } from '../../src/compliance/check.js';
import { commercialInvoice, dcsaTransportDocument, REFERENCE_DIR } from '../lib/documents.js';

export interface LintRate {
  document: string;
  bytes: number;
  /** The first call, which loads the reference data (HS 2022, UN/LOCODE) and warms the engine. */
  firstCallMs: number;
  perSecond: number;
  meanMs: number;
  status: string;
  findings: number;
}

/** Documents linted per second, one after another, in this process: the engine alone, without HTTP or database. */
export async function runCompliance(smoke: boolean): Promise<LintRate[]> {
  const documents = [
    { document: 'commercial invoice, 100 lines (CargoLint JSON)', bytes: Buffer.from(JSON.stringify(commercialInvoice(100))) },
    { document: 'DCSA eBL 3.0 transport document (PINT example)', bytes: dcsaTransportDocument() },
  ];
  const context = { referenceDir: REFERENCE_DIR };
  const seconds = smoke ? 0.5 : 4;
  const results: LintRate[] = [];
  for (const { document, bytes } of documents) {
    const input = { bytes, filename: 'bench.json' };
    const t0 = performance.now();
    const first = await checkDocument(input, context);
    const firstCallMs = performance.now() - t0;
    for (let i = 0; i < 50; i++) await checkDocument(input, context);
    let count = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      await checkDocument(input, context);
      count++;
    }
    const elapsed = (performance.now() - start) / 1000;
    results.push({
      document, bytes: bytes.length, firstCallMs: Math.round(firstCallMs), perSecond: Math.round(count / elapsed),
      meanMs: Math.round((elapsed * 1000 / count) * 1000) / 1000, status: first.status, findings: first.findings.length,
    });
  }
  return results;
}
