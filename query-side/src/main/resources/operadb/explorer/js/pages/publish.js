// Publish a schema document (admins): a new schema, or the next version of one (started from its latest text).

import {h, link, alertBox, uniqueId, announce} from '../dom.js';
import {accountPath, getText, postCommand} from '../api.js';
import {account} from '../session.js';
import {listSchemas, problemBox} from '../page.js';

const TEMPLATE = `{
  "schemaId": "note",
  "version": 1,
  "description": "A short note",
  "fields": {
    "text": {"type": "string", "required": true, "maxLength": 500, "label": "Text"}
  },
  "actions": {
    "write": {
      "creates": true,
      "params": {"text": {"type": "string", "required": true}},
      "reduce": [{"set": "text", "to": "params.text"}]
    }
  }
}`;

export async function render(ctx) {
  const schemas = await listSchemas(account(), ctx.signal);
  const from = ctx.query.get('from');
  let initial = TEMPLATE;
  if (from) {
    // the published text, not a re-serialisation: numbers keep their written form (0.50 stays 0.50)
    const text = await getText(accountPath(account(), 'schemas', from), {signal: ctx.signal});
    initial = nextVersion(text);
  }
  const textId = uniqueId('schema');
  const startId = uniqueId('start');
  const textarea = h('textarea', {id: textId, class: 'schema', spellcheck: 'false', 'aria-describedby': `${textId}-hint`,
    value: initial});
  const messages = h('div', {id: 'publish-result', 'aria-live': 'polite'});

  const form = h('form', {class: 'stack', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    messages.replaceChildren();
    const text = textarea.value;
    try {
      JSON.parse(text);
    } catch (e) {
      messages.replaceChildren(alertBox('error', 'Not JSON', h('p', {}, e.message)));
      return;
    }
    try {
      const {body} = await postCommand(accountPath(account(), 'schemas'), text);
      const href = `#/schemas/${encodeURIComponent(body.schemaId)}/${body.version}`;
      messages.replaceChildren(alertBox('ok', `Published ${body.schemaId} version ${body.version}.`,
        h('p', {}, link(href, `See schema ${body.schemaId}`), ' · ',
          link(`#/entities/${encodeURIComponent(body.schemaId)}`, 'its entities'))));
      announce(`Published ${body.schemaId} version ${body.version}`);
    } catch (e) {
      messages.replaceChildren(problemBox(e));
    }
  }},
  h('div', {class: 'field'},
    h('label', {for: textId}, 'Schema document (JSON)'),
    h('p', {class: 'hint', id: `${textId}-hint`}, 'Fields, actions, rules and reducer steps, as in the README\'s '
      + '"Writing a schema". A new version must be exactly one more than the latest.'),
    textarea),
  h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Publish')));

  return h('section', {},
    h('h1', {}, 'Publish a schema'),
    h('p', {class: 'lead'}, 'Adding a module to OperaDB is publishing its schema: no code, no restart. '
      + 'Only admins of the account may publish.'),
    h('form', {class: 'row', onsubmit: event => {
      event.preventDefault();
      const chosen = document.getElementById(startId).value;
      location.hash = chosen ? `#/publish?from=${encodeURIComponent(chosen)}` : '#/publish';
    }},
    h('div', {class: 'field'}, h('label', {for: startId}, 'Start from'),
      h('select', {id: startId},
        h('option', {value: ''}, 'a new schema (template)'),
        schemas.map(s => h('option', {value: s.schemaId, selected: s.schemaId === from},
          `${s.schemaId}: the next version after ${s.version}`)))),
    h('button', {type: 'submit', class: 'secondary'}, 'Load')),
    messages, form);
}

/** The document with its top-level version one higher, the rest of its text untouched. */
function nextVersion(text) {
  const version = JSON.parse(text).version;
  const pattern = new RegExp(`("version"\\s*:\\s*)${version}(?!\\d)`);
  return text.replace(pattern, `$1${version + 1}`);
}
