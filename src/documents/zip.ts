import { PassThrough, Transform } from 'node:stream';
import yazl from 'yazl';
import type { DocumentsTable, FindingsTable } from '../db/schema.js';
import type { BlobStore } from './storage.js';
import { safeArchiveName, serializeDocument } from './document.js';

/**
 * Streams a ZIP of the originals plus findings.json. Blobs are read one at a time as the archive is written, so memory
 * stays flat however many documents are asked for. `onComplete` fires only once the last byte left for the client.
 */
export function buildArchive(blobs: BlobStore, docs: DocumentsTable[], findings: FindingsTable[]) {
  const zip = new yazl.ZipFile();
  const used = new Set<string>();
  const byDoc = new Map<string, FindingsTable[]>();
  for (const f of findings) byDoc.set(f.document_id, [...(byDoc.get(f.document_id) ?? []), f]);
  const manifest = docs.map((doc) => {
    const name = safeArchiveName(doc.filename, used);
    (zip as any).addReadStreamLazy(name, { mtime: new Date(doc.uploaded_at) }, (cb: (err: Error | null, stream?: NodeJS.ReadableStream) => void) => {
      blobs.get(doc.sha256).then((bytes) => {
        if (!bytes) return cb(new Error(`stored file of ${doc.id} is missing`));
        const stream = new PassThrough();
        stream.end(bytes);
        cb(null, stream);
      }, (err) => cb(err));
    });
    return { file: name, ...serializeDocument(doc, byDoc.get(doc.id) ?? []) };
  });
  zip.addBuffer(Buffer.from(JSON.stringify({ generated_at: new Date().toISOString(), documents: manifest }, null, 2)), 'findings.json');
  zip.end();

  let size = 0;
  const counter = new Transform({
    transform(chunk, _enc, cb) {
      size += chunk.length;
      cb(null, chunk);
    },
  });
  zip.outputStream.on('error', (err) => counter.destroy(err));
  (zip as unknown as NodeJS.EventEmitter).on('error', (err: Error) => counter.destroy(err));
  zip.outputStream.pipe(counter);
  return { stream: counter, sizeBytes: () => size };
}
