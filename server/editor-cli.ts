/**
 * `npm run editor -- add <name> [--owner]`, `remove <name>`, `list`, `email <name> <address|off> [digest minutes]`: editor accounts in
 * the database the server uses (DATABASE, or DATABASE_URL for PostgreSQL). Safe while the server runs: SQLite
 * in WAL mode lets this process write beside it, and the server reads the
 * accounts on every request.
 *
 * `npm run editor -- source add <url> <label…>`, `source remove <id>`, `source list`:
 * partners' feeds the server fetches (the running server picks a new one up within a minute).
 */
import { EDITOR_NAME, hashToken, newToken, OWNER } from './editors.js';
import { editorNotice, noticeErrors, setEditorNotice } from './notify/editors.js';
import { sourceErrorMessage } from './sources/errors.js';
import { sourceInput } from './sources/validate.js';
import { switchFrom } from './operations-config.js';
import { openToolStore } from './store/open.js';
import { SqlStore } from './store/sql-store.js';
import type { Store } from './store/types.js';

const [command, name, ...rest] = process.argv.slice(2);
// `--owner` makes a second owner (a co-owner of the site); without it an account is an editor's.
const owner = command === 'add' && rest.length === 1 && rest[0] === '--owner';
const usage =
  'usage: npm run editor -- add <name> [--owner]   |   remove <name>   |   list   |   email <name> <address|off> [digest minutes, 0 for one message each]\n' +
  '       npm run editor -- source add <url> <label>   |   source remove <id>   |   source list';
const emailCommand = command === 'email' && name && rest.length >= 1 && rest.length <= 2;
const sourceCommand =
  command === 'source' && ((name === 'list' && !rest.length) || (name === 'add' && rest.length >= 2) || (name === 'remove' && rest.length === 1));
if (!sourceCommand && !emailCommand && !(command === 'list' && !name) && !((command === 'add' || command === 'remove') && name && (!rest.length || owner))) {
  console.error(usage);
  process.exit(2);
}

const store: Store = await openToolStore();

try {
  if (command === 'source') await sources(name, rest);
  else if (command === 'list') {
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

/** The partner sources, as an editor manages them in /admin. */
async function sources(verb: string, args: string[]): Promise<void> {
  if (verb === 'list') {
    const all = await store.listSources();
    if (!all.length) console.log('kabar: no partner sources yet (npm run editor -- source add <url> <label>)');
    for (const s of all) {
      const state = s.lastError ? `failing: ${sourceErrorMessage(s.lastError)}` : s.lastOkAt ? `ok ${new Date(s.lastOkAt).toISOString()}` : 'not fetched yet';
      console.log(`${s.id}\t${s.label}\t${s.url}\t${s.items} items\t${state}`);
    }
  } else if (verb === 'add') {
    const [url, ...label] = args;
    const production = process.env.NODE_ENV === 'production';
    const input = sourceInput({ url, label: label.join(' ') }, switchFrom(process.env, 'KABAR_SOURCES_PRIVATE', !production));
    if (!input.ok) {
      console.error(`kabar: cannot add that source (${Object.entries(input.errors).map(([field, code]) => `${field}: ${code}`).join(', ')}): give an http(s) feed or site address and a label.`);
      process.exitCode = 2;
      return;
    }
    const result = await store.addSource({ url: input.url, label: input.label, intervalMs: input.intervalMs, addedAt: Date.now(), addedBy: 'owner' });
    if (result.ok) console.log(`kabar: source ${result.source.id} (${result.source.label}) added; the server fetches it within a minute.`);
    else {
      console.error('kabar: that feed is already a source.');
      process.exitCode = 1;
    }
  } else if (await store.removeSource(args[0], 'owner')) console.log(`kabar: source ${args[0]} and its items removed.`);
  else {
    console.error(`kabar: no source ${args[0]}.`);
    process.exitCode = 1;
  }
}

/** `email <name> <address|off> [minutes]`: where an editor (or `owner`) gets the editors' messages. */
async function setEmail(store: Store, editor: string, address: string, minutes = '0'): Promise<void> {
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
