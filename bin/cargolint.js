#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` produced it, else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'src', 'main.js');
let entry;
if (existsSync(compiled) && process.env.CARGOLINT_FROM_SOURCE !== 'true') {
  entry = compiled;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = path.join(root, 'src', 'main.ts');
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv.slice(2));
