// The account's schemas, each at its latest version.

import {h, table, formatTime, link} from '../dom.js';
import {account} from '../session.js';
import {listSchemas} from '../page.js';

export async function render(ctx) {
  const items = await listSchemas(account(), ctx.signal);
  return h('section', {},
    h('h1', {}, 'Schemas'),
    h('p', {class: 'lead'}, `${items.length} schema${items.length === 1 ? '' : 's'} in account ${account()}. `
      + 'Each is a versioned document; a new version is published beside the old ones.'),
    h('div', {class: 'actions'}, link('#/publish', 'Publish a schema')),
    table('Schemas (latest versions)', [{label: 'schema'}, {label: 'version', className: 'num'},
      {label: 'description'}, {label: 'published'}, {label: 'by'}, {label: 'entities'}],
    items.map(s => [
      link(`#/schemas/${encodeURIComponent(s.schemaId)}`, s.schemaId),
      String(s.version),
      s.description || '',
      formatTime(s.publishedAt),
      h('code', {}, s.publishedBy || ''),
      link(`#/entities/${encodeURIComponent(s.schemaId)}`, 'browse'),
    ]), {id: 'schema-list'}));
}
