// One schema: its fields and actions as tables, its workflow as a diagram, and the diff between two versions.

import {h, table, link, uniqueId} from '../dom.js';
import {accountPath, getText} from '../api.js';
import {account} from '../session.js';
import {describeType, labelOf} from '../values.js';
import {workflowDiagram} from '../workflow.js';
import {diffJson} from '../diff.js';
import {pretty} from '../json.js';
import {navigate, loadSchema, creatingAction} from '../page.js';

export async function render(ctx) {
  const [schemaId, versionParam] = ctx.params;
  const latest = await loadSchema(account(), schemaId, null, ctx.signal);
  const version = versionParam ? Number(versionParam) : latest.version;
  const text = await getText(accountPath(account(), 'schemas', schemaId, 'versions', String(version)),
    {signal: ctx.signal});
  const schema = JSON.parse(text);
  const create = creatingAction(latest);
  const e = encodeURIComponent(schemaId);

  return h('section', {},
    h('h1', {}, `Schema ${schemaId}`, ' ', h('span', {class: 'badge'}, `version ${version} of ${latest.version}`)),
    schema.description ? h('p', {class: 'lead'}, schema.description) : null,
    h('div', {class: 'row'},
      versionPicker(schemaId, version, latest.version),
      h('div', {class: 'actions'},
        link(`#/entities/${e}`, 'Browse entities'),
        create ? h('a', {class: 'button', href: `#/run/${e}/${encodeURIComponent(create[0])}`}, `New ${schemaId}`)
          : null,
        link(`#/publish?from=${e}`, 'Publish a new version'))),
    h('h2', {}, 'Fields'), fieldsTable(schema.fields || {}),
    h('h2', {}, 'Actions'), actionsTable(schema.actions || {}),
    schema.workflow ? [h('h2', {}, 'Workflow'), workflowDiagram(schema)] : null,
    schema.grantsRoles ? [h('h2', {}, 'Roles granted'), h('p', {}, 'Each entity grants the roles in ',
      h('code', {}, schema.grantsRoles.roles), ' to the actors in ', h('code', {}, schema.grantsRoles.members), '.')]
      : null,
    h('h2', {}, 'Differences between versions'), diffSection(schemaId, latest.version, ctx),
    h('details', {}, h('summary', {}, 'The document as published'), h('pre', {}, text)));
}

function versionPicker(schemaId, version, latest) {
  const id = uniqueId('version');
  return h('div', {class: 'field'},
    h('label', {for: id}, 'Version'),
    h('select', {id, onchange: event => navigate(`#/schemas/${encodeURIComponent(schemaId)}/${event.target.value}`)},
      [...Array(latest).keys()].map(i => h('option', {value: String(i + 1), selected: i + 1 === version},
        `version ${i + 1}`))));
}

function fieldsTable(fields, prefix = '') {
  const rows = [];
  const walk = (entries, path) => {
    for (const [name, spec] of entries) {
      const full = path ? `${path}.${name}` : name;
      rows.push([h('code', {}, full), spec.label || '', describeType(spec), spec.required ? 'yes' : '',
        spec.description || '']);
      if (spec.type === 'object' && spec.fields) walk(Object.entries(spec.fields), full);
    }
  };
  walk(Object.entries(fields), prefix);
  return table(null, [{label: 'field'}, {label: 'label'}, {label: 'type and rules'}, {label: 'required'},
    {label: 'description'}], rows, {id: 'fields'});
}

function actionsTable(actions) {
  return table(null, [{label: 'action'}, {label: 'parameters'}, {label: 'who may run it'},
    {label: 'rules (checked in order)'}, {label: 'what it does'}],
  Object.entries(actions).map(([name, action]) => [
    h('div', {}, h('code', {}, name), action.creates ? [' ', h('span', {class: 'badge ok'}, 'creates')] : null,
      action.moves ? [' ', h('span', {class: 'badge'}, `moves to ${action.moves}`)] : null,
      action.description ? h('p', {class: 'hint'}, action.description) : null),
    Object.keys(action.params || {}).length
      ? h('ul', {}, Object.entries(action.params).map(([p, spec]) => h('li', {}, h('code', {}, p),
        spec.required ? ' (required)' : '', `: ${describeType(spec)}`, spec.label && spec.label.toLowerCase() !== p.toLowerCase() ? ` — ${labelOf(p, spec)}` : '')))
      : h('span', {class: 'muted'}, 'none'),
    (action.allow || []).length
      ? h('ul', {}, action.allow.map(a => h('li', {}, h('code', {}, a))))
      : h('span', {class: 'muted'}, 'any actor of the account'),
    (action.require || []).length
      ? h('ol', {}, action.require.map(r => h('li', {}, h('code', {}, r.rule), h('br'), `“${r.message}”`)))
      : h('span', {class: 'muted'}, 'none'),
    (action.reduce || []).length
      ? h('ol', {}, action.reduce.map(step => h('li', {}, h('code', {}, describeStep(step)))))
      : h('span', {class: 'muted'}, 'nothing'),
  ]), {id: 'actions'});
}

/** A reducer step in one line: set title ← params.title (when …). */
function describeStep(step) {
  const verbs = {set: 'to', add: 'by', subtract: 'by', append: 'value', remove: 'value', merge: 'with'};
  const [verb] = Object.keys(step).filter(k => k !== 'when');
  const operand = verbs[verb];
  let text = operand ? `${verb} ${step[verb]} ← ${step[operand]}` : `${verb} ${step[verb]}`;
  if (step.when) text += `   (when ${step.when})`;
  return text;
}

function diffSection(schemaId, latest, ctx) {
  if (latest < 2) return h('p', {class: 'muted'}, 'Only one version so far.');
  const result = h('div', {'aria-live': 'polite'});
  const from = h('select', {id: uniqueId('from')});
  const to = h('select', {id: uniqueId('to')});
  for (let v = 1; v <= latest; v++) {
    from.append(h('option', {value: String(v), selected: v === latest - 1}, `version ${v}`));
    to.append(h('option', {value: String(v), selected: v === latest}, `version ${v}`));
  }
  const compare = async () => {
    const [a, b] = await Promise.all([from.value, to.value].map(v =>
      loadSchema(account(), schemaId, Number(v), ctx.signal)));
    const changes = diffJson(a, b);
    result.replaceChildren(changes.length === 0 ? h('p', {}, 'No differences.')
      : table(`${changes.length} difference${changes.length === 1 ? '' : 's'}, version ${from.value} → ${to.value}`,
        [{label: 'path'}, {label: 'change'}, {label: `version ${from.value}`}, {label: `version ${to.value}`}],
        changes.map(c => [h('code', {}, c.path), h('span', {class: `diff-${c.kind}`}, c.kind),
          c.before === undefined ? '' : h('pre', {}, pretty(c.before)),
          c.after === undefined ? '' : h('pre', {}, pretty(c.after))]), {id: 'schema-diff'}));
  };
  const form = h('form', {class: 'row', onsubmit: event => { event.preventDefault(); compare(); }},
    h('div', {class: 'field'}, h('label', {for: from.id}, 'From'), from),
    h('div', {class: 'field'}, h('label', {for: to.id}, 'To'), to),
    h('button', {type: 'submit'}, 'Compare'));
  compare();
  return h('div', {}, form, result);
}
