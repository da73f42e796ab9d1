// The Streamlog console. It reads and writes through the gateway's public API only (the same calls any
// client makes, as the signed-in caller, so its ACLs apply): v3 for the cluster, brokers, consumer groups and
// ACLs; v2 for topics, partitions, offsets, records and produce. Every text from the cluster is put into the
// page as text, never as HTML.
'use strict';

const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';
const TEXT = 'application/vnd.kafka.text.v2+json';
const BROWSE_MAX_BYTES = 262144;
const state = { clusterId: null, topic: null, group: null };

const $ = selector => document.querySelector(selector);
const path = segment => encodeURIComponent(segment);

async function api(url, options = {}) {
  const response = await fetch(url, options);
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.message ? body.message : response.statusText;
    throw new Error(`${options.method || 'GET'} ${url}: ${response.status} ${message}`);
  }
  return body;
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = value === null || value === undefined ? '' : String(value);
  if (className) {
    td.className = className;
  }
  return td;
}

function fill(tableSelector, items, render) {
  const body = $(tableSelector + ' tbody');
  body.replaceChildren();
  items.forEach(item => render(body.insertRow(), item));
}

function list(selector, names, selected, onPick) {
  const ul = $(selector);
  ul.replaceChildren();
  names.forEach(name => {
    const li = document.createElement('li');
    li.textContent = name;
    li.dataset.name = name;
    li.classList.toggle('selected', name === selected);
    li.addEventListener('click', () => onPick(name).catch(report));
    ul.append(li);
  });
}

function report(error) {
  $('#status').textContent = error ? error.message : '';
}

function decode(base64) {
  if (base64 === null || base64 === undefined) {
    return null;
  }
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

async function loadCluster() {
  const clusters = await api('/v3/clusters');
  state.clusterId = clusters.data[0].cluster_id;
  $('#cluster').textContent = 'cluster ' + state.clusterId;
}

async function partitionsOf(topic) {
  return api('/topics/' + path(topic) + '/partitions', { headers: { Accept: V2 } });
}

async function loadBrokers(topics) {
  const brokers = (await api('/v3/clusters/' + path(state.clusterId) + '/brokers')).data;
  const stats = new Map(brokers.map(b => [b.broker_id, { leads: 0, replicas: 0, inSync: 0 }]));
  const statsOf = id => {
    if (!stats.has(id)) {
      stats.set(id, { leads: 0, replicas: 0, inSync: 0, offline: true });
    }
    return stats.get(id);
  };
  for (const topic of topics) {
    for (const partition of await partitionsOf(topic)) {
      for (const replica of partition.replicas) {
        const s = statsOf(replica.broker);
        s.replicas++;
        s.inSync += replica.in_sync ? 1 : 0;
        s.leads += replica.leader ? 1 : 0;
      }
    }
  }
  const rows = [...stats.entries()].sort((a, b) => a[0] - b[0]);
  fill('#brokers', rows, (row, [id, s]) => {
    const broker = brokers.find(b => b.broker_id === id);
    row.dataset.broker = id;
    cell(row, id);
    cell(row, broker ? broker.host + ':' + broker.port : 'not registered');
    cell(row, broker ? broker.rack : '');
    cell(row, s.leads);
    cell(row, s.inSync + ' / ' + s.replicas);
    const health = s.offline ? ['offline', 'bad'] : s.inSync < s.replicas ? ['lagging', 'warn'] : ['in sync', 'ok'];
    cell(row, health[0], health[1]);
  });
}

async function showTopic(topic) {
  state.topic = topic;
  list('#topics', [...$('#topics').children].map(li => li.dataset.name), topic, showTopic);
  $('#topic-title').textContent = 'Topic ' + topic;
  const partitions = await partitionsOf(topic);
  const offsets = await Promise.all(partitions.map(p => api('/topics/' + path(topic) + '/partitions/'
      + p.partition + '/offsets', { headers: { Accept: V2 } }).catch(() => null)));
  fill('#partitions', partitions.map((p, i) => [p, offsets[i]]), (row, [p, o]) => {
    row.dataset.partition = p.partition;
    cell(row, p.partition);
    cell(row, p.leader < 0 ? 'none' : p.leader, p.leader < 0 ? 'bad' : '');
    cell(row, p.replicas.map(r => r.broker).join(', '));
    const isr = p.replicas.filter(r => r.in_sync).map(r => r.broker);
    cell(row, isr.join(', '), isr.length < p.replicas.length ? 'isr warn' : 'isr');
    cell(row, o ? o.beginning_offset : '?');
    cell(row, o ? o.end_offset : '?');
    cell(row, o ? o.end_offset - o.beginning_offset : '?');
  });
  $('#partitions').dataset.topic = topic;
  const browse = $('#browse');
  if (!browse.topic.value) {
    browse.topic.value = topic;
  }
  if (!$('#produce').topic.value) {
    $('#produce').topic.value = topic;
  }
}

async function showGroup(group) {
  state.group = group;
  list('#groups', [...$('#groups').children].map(li => li.dataset.name), group, showGroup);
  $('#group-title').textContent = 'Group ' + group;
  const base = '/v3/clusters/' + path(state.clusterId) + '/consumer-groups/' + path(group);
  const [consumers, lags] = await Promise.all([api(base + '/consumers'), api(base + '/lags')]);
  const assignments = await Promise.all(consumers.data.map(member => api(member.assignments.related)));
  fill('#members', consumers.data.map((member, i) => ({ member, reads: assignments[i].data })), (row, m) => {
    cell(row, m.member.consumer_id);
    cell(row, m.member.active ? 'yes' : 'no');
    cell(row, m.reads.map(a => a.topic_name + '-' + a.partition_id).join(', '));
  });
  fill('#lags', lags.data, (row, lag) => {
    cell(row, lag.topic_name);
    cell(row, lag.partition_id);
    cell(row, lag.consumer_id);
    cell(row, lag.current_offset);
    cell(row, lag.log_end_offset);
    cell(row, lag.lag, lag.lag > 0 ? 'warn' : 'ok');
  });
}

const ACL_FIELDS = ['resource_type', 'resource_name', 'pattern_type', 'principal', 'host', 'operation',
  'permission'];

function aclsUrl() {
  return '/v3/clusters/' + path(state.clusterId) + '/acls';
}

// The ACLs the caller may see (DESCRIBE on the cluster), each with a button deleting exactly it; a caller
// who may not see them is told so, and the rest of the console works on.
async function loadAcls() {
  const note = $('#acl-note');
  let acls;
  try {
    acls = (await api(aclsUrl())).data;
  } catch (error) {
    fill('#acls', [], () => {});
    note.textContent = 'ACLs not shown: ' + error.message;
    return;
  }
  note.textContent = acls.length ? '' : 'No ACLs.';
  fill('#acls', acls, (row, acl) => {
    ACL_FIELDS.forEach(field => cell(row, acl[field]));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Delete';
    remove.addEventListener('click', () => deleteAcl(acl).catch(report));
    row.insertCell().append(remove);
  });
  $('#acls').dataset.loaded = String(acls.length);
}

async function deleteAcl(acl) {
  report(null);
  const query = ACL_FIELDS.map(field => field + '=' + encodeURIComponent(acl[field])).join('&');
  await api(aclsUrl() + '?' + query, { method: 'DELETE' });
  await loadAcls();
}

async function addAcl(event) {
  event.preventDefault();
  report(null);
  const form = event.target;
  const acl = Object.fromEntries(ACL_FIELDS.map(field => [field, form[field].value]));
  try {
    await api(aclsUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(acl) });
    await loadAcls();
  } catch (error) {
    report(error);
  }
}

async function refresh() {
  report(null);
  try {
    await loadCluster();
    const topics = await api('/topics', { headers: { Accept: V2 } });
    list('#topics', topics, state.topic, showTopic);
    await loadBrokers(topics);
    const visible = topics.filter(t => !t.startsWith('__'));
    const topic = topics.includes(state.topic) ? state.topic : visible[0];
    if (topic) {
      await showTopic(topic);
    }
    const groups = (await api('/v3/clusters/' + path(state.clusterId) + '/consumer-groups')).data
        .map(g => g.consumer_group_id);
    list('#groups', groups, state.group, showGroup);
    if (groups.includes(state.group)) {
      await showGroup(state.group);
    }
    await loadAcls();
    document.body.dataset.loaded = 'true';
  } catch (error) {
    report(error);
  }
}

async function browse(event) {
  event.preventDefault();
  report(null);
  const form = event.target;
  const base = '/topics/' + path(form.topic.value) + '/partitions/' + Number(form.partition.value);
  try {
    let offset = Number(form.offset.value || 0);
    if (form.time.value) {
      const at = new Date(form.time.value).getTime();
      offset = (await api(base + '/offsets?timestamp=' + at, { headers: { Accept: V2 } })).offset;
      form.offset.value = offset;
    }
    const records = await api(base + '/records?offset=' + offset + '&max_bytes=' + BROWSE_MAX_BYTES,
        { headers: { Accept: BINARY } });
    fill('#messages', records, (row, record) => {
      row.dataset.offset = record.offset;
      cell(row, record.offset);
      cell(row, new Date(record.timestamp).toISOString());
      cell(row, decode(record.key), 'key');
      cell(row, decode(record.value), 'value');
      cell(row, (record.headers || []).map(h => h.key + '=' + decode(h.value)).join(', '));
    });
    $('#messages').dataset.loaded = String(records.length);
  } catch (error) {
    report(error);
  }
}

async function produce(event) {
  event.preventDefault();
  report(null);
  const form = event.target;
  const record = { value: form.value.value };
  if (form.key.value) {
    record.key = form.key.value;
  }
  const url = '/topics/' + path(form.topic.value)
      + (form.partition.value === '' ? '' : '/partitions/' + Number(form.partition.value));
  try {
    const answer = await api(url, {
      method: 'POST', headers: { 'Content-Type': TEXT, Accept: V2 }, body: JSON.stringify({ records: [record] })
    });
    const written = answer.offsets[0];
    $('#produced').textContent = written.error_code
        ? 'refused: ' + written.error : `written to partition ${written.partition} at offset ${written.offset}`;
    if (form.topic.value === state.topic) {
      await showTopic(state.topic);
    }
  } catch (error) {
    $('#produced').textContent = '';
    report(error);
  }
}

$('#refresh').addEventListener('click', refresh);
$('#browse').addEventListener('submit', browse);
$('#produce').addEventListener('submit', produce);
$('#acl').addEventListener('submit', addAcl);
refresh();
