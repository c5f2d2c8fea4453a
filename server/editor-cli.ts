/**
 * `npm run editor -- add <name> [--owner]`, `remove <name>`, `list`: editor accounts in
 * the database the server uses (DATABASE, or DATABASE_URL for PostgreSQL). Safe while the server runs: SQLite
 * in WAL mode lets this process write beside it, and the server reads the
 * accounts on every request.
 */
import { dataPaths } from './operations-config.js';
import { EDITOR_NAME, hashToken, newToken, OWNER } from './editors.js';
import { exitWith } from './startup.js';
import { openConfiguredStore } from './store/open.js';

const [command, name, ...rest] = process.argv.slice(2);
// `--owner` makes a second owner (a co-owner of the site); without it an account is an editor's.
const owner = command === 'add' && rest.length === 1 && rest[0] === '--owner';
const usage = 'usage: npm run editor -- add <name> [--owner]   |   npm run editor -- remove <name>   |   npm run editor -- list';
if (!(command === 'list' && !name) && !((command === 'add' || command === 'remove') && name && (!rest.length || owner))) {
  console.error(usage);
  process.exit(2);
}

let store;
try {
  store = await openConfiguredStore({ ...dataPaths(process.env), databaseUrl: process.env.DATABASE_URL || undefined });
} catch (error) {
  exitWith(error);
}

try {
  if (command === 'list') {
    const editors = await store.listEditors();
    if (!editors.length) console.log('kabar: no editors yet (npm run editor -- add <name>)');
    for (const editor of editors) console.log(`${editor.name}\t${editor.role}\tsince ${new Date(editor.createdAt).toISOString()}`);
  } else if (command === 'add') {
    if (!EDITOR_NAME.test(name) || name.toLowerCase() === OWNER) {
      console.error(`kabar: "${name}" cannot be an editor's name: use up to 40 letters, digits, dots, dashes or underscores (and not "${OWNER}").`);
      process.exitCode = 2;
    } else {
      const token = newToken();
      const role = owner ? 'owner' : 'editor';
      if (await store.addEditor({ name, role, tokenHash: hashToken(token), createdAt: Date.now() })) {
        console.log(`kabar: ${role} ${name} added. Their token, shown this once (only its hash is kept):`);
        console.log(token);
      } else {
        console.error(`kabar: there is already an editor named ${name}; remove it first to issue a new token.`);
        process.exitCode = 1;
      }
    }
  } else if (await store.removeEditor(name)) {
    console.log(`kabar: editor ${name} removed; their token no longer opens /admin.`);
  } else {
    console.error(`kabar: no editor named ${name}.`);
    process.exitCode = 1;
  }
} finally {
  store.close();
}
