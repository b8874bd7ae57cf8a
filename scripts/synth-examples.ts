/**
 * Synthesizes every bundled example (examples/<name>/.projenrc.ts) and prints the files it generates.
 * Usage: npx projen examples [--quiet]
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..');
const quiet = process.argv.includes('--quiet');
const examples = readdirSync(join(root, 'examples')).filter((n) => existsSync(join(root, 'examples', n, '.projenrc.ts'))).sort();

for (const name of examples) {
  const dir = join(root, 'examples', name);
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', join(root, 'test', 'tsconfig.json'), '.projenrc.ts'], {
    cwd: dir,
    stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PROJEN_DISABLE_POST: 'true' },
  });
  const manifest = JSON.parse(readFileSync(join(dir, '.projen', 'files.json'), 'utf8')) as { files: string[] };
  const generated = manifest.files.filter((f) => !f.startsWith('.projen/') && !['.gitattributes', '.gitignore'].includes(f));
  process.stdout.write(`\n=== examples/${name}: ${generated.length} generated files\n`);
  for (const file of generated) {
    process.stdout.write(`\n--- examples/${name}/${file}\n`);
    if (!quiet) process.stdout.write(readFileSync(join(dir, file), 'utf8'));
  }
}
