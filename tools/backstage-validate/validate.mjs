// Validates catalog YAML exactly as Backstage's catalog backend does before it accepts an entity:
// the default entity policies of @backstage/catalog-model, then the kind validator of each built-in
// kind, then Backstage's own parsing of every ref in the spec fields its processor reads.
// Usage: node validate.mjs PATH...   (files, or folders searched for *.yaml / *.yml)
// Exit 0: no errors; 1: errors; 2: usage.
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { validateEntity } from './validators.mjs';
function yamlFiles(target) {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  return fs.readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => {
      const p = path.join(target, e.name);
      if (e.isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(e.name) ? [p] : [];
    });
}

async function main(args) {
  if (args.length === 0) {
    console.error('usage: node validate.mjs PATH...');
    return 2;
  }
  let entities = 0;
  let files = 0;
  let errors = 0;
  for (const file of args.flatMap(yamlFiles)) {
    files++;
    const text = fs.readFileSync(file, 'utf8');
    const lineCounter = new LineCounter();
    for (const doc of parseAllDocuments(text, { lineCounter })) {
      const line = doc.contents ? lineCounter.linePos(doc.contents.range[0]).line : 1;
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          console.log(`${file}:${e.linePos?.[0]?.line ?? line}: ${e.message.split('\n')[0]}`);
          errors++;
        }
        continue;
      }
      const entity = doc.toJS();
      if (entity === null || entity === undefined) continue;
      entities++;
      for (const message of await validateEntity(entity)) {
        console.log(`${file}:${line}: ${message}`);
        errors++;
      }
    }
  }
  console.log(`checked ${entities} entities in ${files} files, ${errors} errors`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
