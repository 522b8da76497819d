// Run an action: a form generated from the action's params; the server's validation errors appear on the fields they
// name, and after a success the new state is read back with ?minVersion= (read-your-writes).

import {h, link, alertBox, uniqueId, announce} from '../dom.js';
import {accountPath, get, postCommand} from '../api.js';
import {account} from '../session.js';
import {paramInputs, showFieldErrors} from '../forms.js';
import {renderFields} from '../values.js';
import {loadSchema, problemBox} from '../page.js';

export async function render(ctx) {
  const [schemaId, actionName, id] = ctx.params;
  const schema = await loadSchema(account(), schemaId, null, ctx.signal);
  const action = (schema.actions || {})[actionName];
  if (!action) {
    return h('section', {}, h('h1', {}, 'No such action'),
      alertBox('error', `Schema ${schemaId} has no action ${actionName}.`));
  }
  const creates = Boolean(action.creates);
  const entity = creates ? null : await get(accountPath(account(), 'entities', schemaId, id), {signal: ctx.signal});
  const e = encodeURIComponent(schemaId);
  const refOptions = refSchema => get(`${accountPath(account(), 'entities', refSchema)}?limit=100`)
    .then(page => page.items.map(i => i.id));

  const inputs = paramInputs(action.params || {}, 'data', {refOptions});
  const idInput = creates ? idField() : null;
  const ifMatchId = uniqueId('ifmatch');
  const ifMatch = entity ? h('input', {type: 'checkbox', id: ifMatchId, checked: true}) : null;
  const result = h('div', {id: 'result', 'aria-live': 'polite'});
  const messages = h('div', {id: 'form-messages'});
  let idempotencyKey = newKey();

  const form = h('form', {class: 'stack', novalidate: true, id: 'action-form', onsubmit: async event => {
    event.preventDefault();
    messages.replaceChildren();
    result.replaceChildren();
    const {value, problems} = inputs.read();
    if (problems.length) {
      const rest = showFieldErrors(form, problems);
      if (rest.length) messages.replaceChildren(problemBox(new Error('Check the form'), rest));
      return;
    }
    const body = creates ? {id: idInput.input.value.trim() || undefined, data: value} : {data: value};
    const headers = {'Idempotency-Key': idempotencyKey};
    if (ifMatch && ifMatch.checked) headers['If-Match'] = String(entity.version);
    const path = creates ? accountPath(account(), 'entities', schemaId)
      : accountPath(account(), 'entities', schemaId, id, actionName);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const receipt = (await postCommand(path, body, {headers})).body;
      idempotencyKey = newKey();
      showFieldErrors(form, []);
      await showResult(result, receipt, schemaId, schema, ctx);
      announce(`${receipt.eventType} done, version ${receipt.version}`);
    } catch (err) {
      // the server answered, so nothing was written: a new attempt is a new command (a lost answer keeps the key)
      if (err.status) idempotencyKey = newKey();
      const rest = showFieldErrors(form, err.errors || []);
      messages.replaceChildren(problemBox(err, rest));
    } finally {
      button.disabled = false;
    }
  }},
  idInput ? idInput.element : null,
  inputs.element,
  ifMatch ? h('div', {class: 'field'}, h('label', {for: ifMatchId}, ifMatch,
    ` Only if it is still at version ${entity.version} (If-Match)`)) : null,
  h('div', {class: 'actions'}, h('button', {type: 'submit'}, creates ? `Create ${schemaId}` : `Run ${actionName}`)));

  return h('section', {},
    h('p', {class: 'muted'}, link(`#/entities/${e}`, `Entities of ${schemaId}`),
      id ? [' / ', link(`#/entities/${e}/${encodeURIComponent(id)}`, id)] : null),
    h('h1', {}, creates ? `New ${schemaId} (${actionName})` : `Run ${actionName} on ${id}`),
    action.description ? h('p', {class: 'lead'}, action.description) : null,
    rules(action),
    messages, form, result);
}

function idField() {
  const id = uniqueId('id');
  const input = h('input', {id, type: 'text', autocomplete: 'off', 'data-path': 'id', 'aria-describedby': `${id}-hint`});
  return {input, element: h('div', {class: 'field'}, h('label', {for: id}, 'Id (optional)'), input,
    h('p', {class: 'hint', id: `${id}-hint`}, 'Letters, digits and . _ : -; left empty, the server makes one.'),
    h('p', {class: 'field-error', dataset: {errorFor: 'id'}}))};
}

function rules(action) {
  const allow = action.allow || [];
  const require = action.require || [];
  return h('details', {class: 'panel'},
    h('summary', {}, 'Who may run it and its rules'),
    h('p', {}, 'Who: ', allow.length ? allow.map((a, i) => [i ? ' or ' : '', h('code', {}, a)])
      : 'any actor of the account'),
    require.length ? h('ol', {}, require.map(r => h('li', {}, `“${r.message}” `, h('code', {}, r.rule)))) : null);
}

async function showResult(box, receipt, schemaId, schema, ctx) {
  const href = `#/entities/${encodeURIComponent(schemaId)}/${encodeURIComponent(receipt.id)}`;
  box.replaceChildren(alertBox('ok', `Done: ${receipt.eventType}, ${receipt.id} is now at version ${receipt.version}.`,
    h('p', {}, link(href, `Open ${receipt.id}`))));
  // read-your-writes: the query API waits until its projection has this version
  const entity = await get(`${accountPath(account(), 'entities', schemaId, receipt.id)}?minVersion=${receipt.version}`,
    {signal: ctx.signal});
  box.append(h('h2', {}, `New state (version ${entity.version})`),
    h('div', {id: 'new-state'}, renderFields(entity.state || {}, schema.fields || {})));
}

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `explorer-${[...bytes].map(b => b.toString(16).padStart(2, '0')).join('')}`;
}
