/**
 * `npm run editor -- add <name> [--owner]`, `remove <name>`, `list`, `email <name> <address|off> [digest minutes]`: editor accounts in
 * the database the server uses (DATABASE, or DATABASE_URL for PostgreSQL). Safe while the server runs: SQLite
 * in WAL mode lets this process write beside it, and the server reads the
 * accounts on every request.
 */
import { dataPaths } from './operations-config.js';
import { EDITOR_NAME, hashToken, newToken, OWNER } from './editors.js';
import { editorNotice, noticeErrors, setEditorNotice } from './notify/editors.js';
import { exitWith } from './startup.js';
import { openConfiguredStore } from './store/open.js';
import { SqlStore } from './store/sql-store.js';

const [command, name, ...rest] = process.argv.slice(2);
// `--owner` makes a second owner (a co-owner of the site); without it an account is an editor's.
const owner = command === 'add' && rest.length === 1 && rest[0] === '--owner';
const usage =
  'usage: npm run editor -- add <name> [--owner]   |   remove <name>   |   list   |   email <name> <address|off> [digest minutes, 0 for one message each]';
const emailCommand = command === 'email' && name && rest.length >= 1 && rest.length <= 2;
if (!(command === 'list' && !name) && !((command === 'add' || command === 'remove') && name && (!rest.length || owner)) && !emailCommand) {
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
    for (const editor of editors) {
      const notice = store instanceof SqlStore ? await editorNotice(store.own.reads(), editor.name) : undefined;
      const mail = notice ? `\t${notice.email}${notice.digestMinutes ? ` (digest every ${notice.digestMinutes} min)` : ''}` : '';
      console.log(`${editor.name}\t${editor.role}\tsince ${new Date(editor.createdAt).toISOString()}${mail}`);
    }
  } else if (command === 'email') {
    await setEmail(store, name, rest[0], rest[1]);
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

/** `email <name> <address|off> [minutes]`: where an editor (or `owner`) gets the editors' messages. */
async function setEmail(store: Awaited<ReturnType<typeof openConfiguredStore>>, editor: string, address: string, minutes = '0'): Promise<void> {
  if (!(store instanceof SqlStore)) throw new Error('this store keeps no notices');
  if (editor !== OWNER && !(await store.listEditors()).some((e) => e.name === editor)) {
    console.error(`kabar: no editor named ${editor} (add it first, or use "${OWNER}").`);
    process.exitCode = 1;
    return;
  }
  if (address === 'off') {
    await store.own.write((db) => setEditorNotice(db, editor, undefined));
    console.log(`kabar: ${editor} gets no editors' e-mail any more.`);
    return;
  }
  const notice = { email: address, stories: true, comments: true, digestMinutes: Number(minutes) };
  const errors = noticeErrors(notice);
  if (Object.keys(errors).length) {
    console.error(`kabar: ${errors.email ? `"${address}" is not an e-mail address` : `the digest interval is a whole number of minutes from 0 to 1440, not "${minutes}"`}.`);
    process.exitCode = 2;
    return;
  }
  await store.own.write((db) => setEditorNotice(db, editor, notice));
  console.log(`kabar: ${editor} gets ${notice.digestMinutes ? `a digest every ${notice.digestMinutes} minutes` : 'a message for each story and comment waiting'} at ${address}.`);
}
