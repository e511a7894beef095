// The sandbox worker, as source text run with `new Worker(source, { eval: true })` so it survives
// bundling (as integrityCheck.ts does). The worker locks its realm down with SES (shared
// intrinsics frozen: prototype pollution fails), then evaluates the module in a Compartment with
// no endowments and without anything that allocates memory outside the heap limit (ArrayBuffer,
// typed arrays, WebAssembly, …) or schedules work (timers).
//
// Protocol (one request at a time, answered with the same id):
//   load { script, sourceUrl }          → { module facts, initial state }
//   fold { state | useLast, token, eventsJson, parts, streamId, keepStates }, then foldMore { foldId, eventsJson }
//     for each further part → { applied, state | states, failure? }
//   appliesTo { streamId }              → { value: boolean }
// Progress for the host's watchdog: workerData.progress is an Int32Array over a SharedArrayBuffer;
// [0] ticks at the start of every call and every event, [1] is the event being evolved. A call
// that stops ticking past the time limit is ended by the host with worker.terminate().
//
// States are checked to be plain JSON here (so a function or a cycle is named at its path) and
// frozen, skipping the parts already checked: evolve returns new objects for what changed and
// shares the rest, so this costs what changed, not the size of the state.

export const SANDBOX_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const progress = workerData.progress;
require(workerData.ses);
// errorTaming 'unsafe' keeps error.stack (the module's own lines via its sourceURL);
// consoleTaming 'unsafe' leaves Node's console as it is (the compartment gets a silent one).
lockdown({ errorTaming: 'unsafe', consoleTaming: 'unsafe', overrideTaming: 'severe', stackFiltering: 'verbose', evalTaming: 'safe-eval' });

const REMOVED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'WebAssembly',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask',
  // A nested Compartment would get fresh globals (ArrayBuffer again); lockdown and harden are not theirs to call.
  'Compartment', 'lockdown', 'harden', 'assert', 'ModuleSource', 'StaticModuleRecord',
  'FinalizationRegistry', 'WeakRef',
];

const objectProto = Object.prototype;
const isArray = Array.isArray;
const getProto = Object.getPrototypeOf;
const ownKeys = Reflect.ownKeys;
const objectKeys = Object.keys;
const getDescriptor = Object.getOwnPropertyDescriptor;
const freeze = Object.freeze;

let module = null;
// The state after the last chunk stays here under the host's token: the next chunk usually
// starts from it, and then only the token crosses instead of a copy of the whole state.
let lastState;
let lastToken = 0;

function tick(index) {
  progress[1] = index;
  Atomics.add(progress, 0, 1);
}

function describe(value) {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return 'a BigInt';
  if (typeof value === 'number') return String(value);
  const proto = getProto(value);
  const name = proto && getDescriptor(proto, 'constructor') && typeof proto.constructor === 'function' ? proto.constructor.name : '';
  return name ? 'a ' + name : 'an object with a prototype';
}

/** Thrown by check(): path holds the keys from the state down to the offending value. */
class BadState extends Error {
  constructor(problem) {
    super(problem);
    this.path = [];
  }
}

function pathText(path) {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += '[' + key + ']';
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += (text ? '.' : '') + key;
    else text += '[' + JSON.stringify(key) + ']';
  }
  return text || 'the state';
}

// Checked (and frozen) objects: a WeakSet, not Object.isFrozen, since user code may freeze its own
// objects holding functions or cycles.
const checked = new WeakSet();
const ancestors = new Set();

/** False for what needs no look: text, booleans, finite numbers, null and objects checked before. */
function needsCheck(value) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return false;
    case 'number':
      return !(value - value === 0);
    case 'object':
      return value !== null && !checked.has(value);
    default:
      return true;
  }
}

function checkChild(value, key) {
  try {
    check(value);
  } catch (error) {
    if (error instanceof BadState) error.path.unshift(key);
    throw error;
  }
}

// Builds no path text unless something is wrong: this runs on every new object of every state.
// Array elements are read, not described (a getter there runs during the copy back, under the
// watchdog); object properties are described, so a getter is refused.
function check(value) {
  if (typeof value !== 'object' || value === null) {
    if (!needsCheck(value)) return;
    throw new BadState('is ' + describe(value));
  }
  if (checked.has(value)) return;
  if (ancestors.has(value)) throw new BadState('refers back to itself (a cycle)');
  const array = isArray(value);
  const proto = getProto(value);
  if (array ? proto !== Array.prototype : proto !== objectProto && proto !== null) throw new BadState('is ' + describe(value));
  ancestors.add(value);
  if (array) {
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      if (needsCheck(child)) checkChild(child, i);
    }
  } else {
    const keys = objectKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const descriptor = getDescriptor(value, keys[i]);
      if (!('value' in descriptor)) {
        const error = new BadState('is a getter or setter');
        error.path.push(keys[i]);
        throw error;
      }
      if (needsCheck(descriptor.value)) checkChild(descriptor.value, keys[i]);
    }
  }
  ancestors.delete(value);
  freeze(value);
  checked.add(value);
}

function checkState(value) {
  ancestors.clear();
  try {
    check(value);
  } catch (error) {
    if (error instanceof BadState) error.message = pathText(error.path) + ' ' + error.message;
    throw error;
  }
}

function positionOf(error) {
  let stack = '';
  try {
    stack = error && typeof error === 'object' ? String(error.stack) : '';
  } catch {}
  const url = module ? module.sourceUrl : '';
  if (!url) return null;
  for (const line of stack.split('\n')) {
    const at = line.lastIndexOf(url + ':');
    if (at === -1) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + url.length));
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return null;
}

function messageOf(error) {
  if (error && typeof error === 'object') {
    const message = getDescriptor(error, 'message');
    if (message && typeof message.value === 'string') return message.value;
  }
  try {
    return String(error);
  } catch {
    return 'an unprintable value';
  }
}

// The part that failed and what happened, as facts beside the English sentence: the host's
// readers say them in their own language (shared/projectionFailureWords.ts holds the same English,
// and failureMessage() only uses the facts while this sentence is still the one they make).
const PARTS = { 'the module': 'module', 'the sandbox': 'sandbox' };
function said(kind, what, facts, message, position) {
  return { kind, message, facts: Object.assign({ part: PARTS[what] || what }, facts), ...(position || {}) };
}

function failureOf(error, what) {
  if (error instanceof BadState) return said('bad-state', what, { case: 'badState', error: error.message }, what + ' returned a state that is not plain JSON: ' + error.message);
  const message = messageOf(error);
  if (error instanceof RangeError && /Maximum call stack/i.test(message)) {
    return said('stack-overflow', what, { case: 'recursed' }, what + ' recursed too deeply (the call stack overflowed)', positionOf(error));
  }
  // SES refuses some source patterns when evaluating (even inside strings): say what and where.
  // The line is the module's only when the refused code is the module's, not a string given to eval.
  const rejected = /^Possible (direct eval|import|HTML comment) expression rejected at ([^\n]*?):(\d+)\. \(SES_\w+\)$/.exec(message);
  if (rejected) {
    const wording = rejected[1] === 'direct eval' ? 'use direct eval' : rejected[1] === 'import' ? 'import anything' : 'contain HTML comments (<!-- or -->)';
    const own = module && rejected[2] === module.sourceUrl;
    return { kind: 'threw', message: 'a projection cannot ' + wording + (own ? ', line ' + rejected[3] : ' (in code given to eval or Function)'), ...(own ? { line: Number(rejected[3]), column: 1 } : {}) };
  }
  // States are frozen once checked, like the shared built-ins: changing one in place fails here.
  if (error instanceof TypeError && /read only property|read-only|not extensible|Cannot add property|Cannot delete property/.test(message)) {
    return said('threw', what, { case: 'frozen', error: message }, what + ' changed something frozen (a state or a built-in) in place: return a new state instead (' + message + ')', positionOf(error));
  }
  return said('threw', what, { case: 'threw', error: message }, what + ' threw: ' + message, positionOf(error));
}

function makeCompartment() {
  const silent = freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, dir() {}, table() {} });
  const compartment = new Compartment({ __options__: true, globals: { console: silent } });
  const global = compartment.globalThis;
  for (const name of REMOVED) delete global[name];
  return compartment;
}

function describeAppliesTo(rule) {
  if (rule === undefined || rule === null) return { kind: 'none' };
  if (typeof rule === 'function') return { kind: 'function' };
  if (typeof rule !== 'object' || isArray(rule)) return { kind: 'invalid', message: 'appliesTo must be a function or { categories, streamPrefixes, types }' };
  const out = { kind: 'rules' };
  for (const key of ownKeys(rule)) {
    if (key !== 'categories' && key !== 'streamPrefixes' && key !== 'types') return { kind: 'invalid', message: 'appliesTo has an unknown rule ' + JSON.stringify(String(key)) + ' (use categories, streamPrefixes or types)' };
    const list = rule[key];
    if (!isArray(list) || list.some((item) => typeof item !== 'string')) return { kind: 'invalid', message: 'appliesTo.' + key + ' must be a list of strings' };
    out[key] = list.slice();
  }
  return out;
}

function load({ script, sourceUrl }) {
  tick(-1);
  module = { sourceUrl };
  const compartment = makeCompartment();
  const exportsObject = compartment.evaluate('({})');
  let shape;
  try {
    const body = compartment.evaluate(script);
    Reflect.apply(body, exportsObject, []);
    const fallback = exportsObject.default;
    shape = fallback && typeof fallback === 'object' ? fallback : exportsObject;
  } catch (error) {
    return { ok: false, failure: failureOf(error, 'the module') };
  }
  try {
    const { name, version, description, evolve, initialState, appliesTo, units } = shape;
    if (typeof evolve !== 'function') return { ok: false, failure: { kind: 'threw', message: 'no evolve: the module must export evolve(state, event) (export default { name, version, evolve, … })' } };
    if (typeof name !== 'string' || !name.trim()) return { ok: false, failure: { kind: 'threw', message: 'the module needs a name (a non-empty string)' } };
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, failure: { kind: 'threw', message: 'the module needs a version (a positive whole number), got ' + describe(version) } };
    if (description !== undefined && typeof description !== 'string') return { ok: false, failure: { kind: 'threw', message: 'description must be text' } };
    // units is data: copied out as plain JSON here; the host checks its shape (shared/units.ts).
    let unitsCopy;
    try {
      unitsCopy = units === undefined ? undefined : JSON.parse(JSON.stringify(units));
    } catch (error) {
      return { ok: false, failure: { kind: 'threw', message: 'units must be plain data such as { total: { currency: "EUR", scale: 2 } }' } };
    }
    const rule = describeAppliesTo(appliesTo);
    if (rule.kind === 'invalid') return { ok: false, failure: { kind: 'threw', message: rule.message } };
    let initial = null;
    try {
      initial = typeof initialState === 'function' ? Reflect.apply(initialState, shape, []) : initialState === undefined ? null : initialState;
      checkState(initial);
    } catch (error) {
      if (error instanceof BadState) return { ok: false, failure: { kind: 'bad-state', message: 'initialState is not plain JSON: ' + error.message } };
      return { ok: false, failure: failureOf(error, 'initialState') };
    }
    module = { sourceUrl, shape, evolve, appliesTo: rule.kind === 'function' ? appliesTo : null };
    lastState = undefined;
    lastToken = 0;
    return { ok: true, name: name.trim(), version, description: description || '', appliesTo: rule, initialState: initial, units: unitsCopy };
  } catch (error) {
    return { ok: false, failure: failureOf(error, 'the module') };
  }
}

/** The event as the module sees it, built here so the host sends the store's events as they are. */
function moduleEvent(event, streamId) {
  const ms = event.recordedAtMs;
  return {
    type: event.type,
    data: event.data === undefined ? null : event.data,
    metadata: event.metadata === undefined ? null : event.metadata,
    streamId,
    version: event.version,
    position: event.position,
    recordedAt: typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null,
  };
}

function evolveAll(start, events, streamId, keepStates, checkEach, offset) {
  const evolve = module.evolve;
  const shape = module.shape;
  const states = keepStates ? [] : null;
  let current = start;
  for (let i = 0; i < events.length; i++) {
    tick(offset + i);
    let next;
    try {
      next = Reflect.apply(evolve, shape, [current, moduleEvent(events[i], streamId)]);
      if (checkEach && next !== current) checkState(next);
    } catch (error) {
      return { applied: i, current, states, failure: failureOf(error, 'evolve') };
    }
    if (states) states.push(next === current ? null : next);
    current = next;
  }
  return { applied: events.length, current, states, failure: undefined };
}

// A chunk's events come in parts (fold, then foldMore…), posted by the host one after the other:
// this worker evolves a part while the host still encodes the next. The fold in progress:
let folding = null;
/** A message that needs no answer (a part of a fold that is not done, or one that already failed). */
const NO_REPLY = Symbol('no reply');

function fold({ id, state, useLast, token, eventsJson, parts, keepStates, streamId }) {
  if (!module || !module.evolve) throw new Error('no module loaded');
  folding = null;
  if (useLast && useLast !== lastToken) return { needState: true };
  const start = useLast ? lastState : state;
  if (!useLast) {
    tick(0);
    checkState(start);
  }
  folding = { id, token, start, keepStates, streamId, remaining: parts - 1, events: [], current: start, states: keepStates ? [] : null, applied: 0, failure: undefined };
  return advance(folding, eventsJson);
}

function foldMore({ foldId, eventsJson }) {
  if (!folding || folding.id !== foldId) return NO_REPLY;
  folding.remaining--;
  return advance(folding, eventsJson);
}

function advance(f, eventsJson) {
  tick(f.applied);
  const part = JSON.parse(eventsJson);
  for (let i = 0; i < part.length; i++) f.events.push(part[i]);
  const run = evolveAll(f.current, part, f.streamId, f.keepStates, f.keepStates, f.applied);
  if (f.states) for (let i = 0; i < run.states.length; i++) f.states.push(run.states[i]);
  f.applied += run.applied;
  f.current = run.current;
  f.failure = run.failure;
  if (!run.failure && f.remaining > 0) return NO_REPLY;
  return finish(f);
}

// With keepStates every state goes to the host, so each is checked (and frozen) as it comes. Without,
// only the chunk's last state leaves: checking each of them would cost more than evolve itself
// (measured), so only that one is checked, and when it is not plain JSON the chunk is folded again
// from its start (frozen, so evolve cannot have changed it) checking each state to name the event.
function finish(f) {
  folding = null;
  const start = f.start;
  let run = { applied: f.applied, current: f.current, states: f.states, failure: f.failure };
  if (!f.keepStates && run.current !== start) {
    try {
      checkState(run.current);
    } catch (error) {
      if (!(error instanceof BadState)) throw error;
      const traced = evolveAll(start, f.events.slice(0, run.applied), f.streamId, false, true, 0);
      run = traced.failure ? traced : { applied: 0, current: start, states: null, failure: failureOf(error, 'evolve') };
    }
  }
  lastState = run.current;
  lastToken = f.token;
  const unchanged = run.current === start;
  return { applied: run.applied, states: run.states, state: unchanged || f.keepStates ? undefined : run.current, unchanged, failure: run.failure };
}

function appliesTo({ streamId }) {
  tick(-1);
  if (!module || !module.appliesTo) return { value: false };
  try {
    return { value: Boolean(Reflect.apply(module.appliesTo, module.shape, [streamId])) };
  } catch (error) {
    return { value: false, failure: failureOf(error, 'appliesTo') };
  }
}

const OPS = { load, fold, foldMore, appliesTo };

parentPort.on('message', (request) => {
  const id = request.op === 'foldMore' ? request.foldId : request.id;
  let reply;
  try {
    const value = OPS[request.op](request);
    if (value === NO_REPLY) return;
    reply = { id, ok: true, value };
  } catch (error) {
    folding = null;
    reply = { id, ok: false, failure: failureOf(error, 'the sandbox') };
  }
  try {
    parentPort.postMessage(reply);
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, failure: { kind: 'bad-state', message: 'the state could not be sent back: ' + messageOf(error) } });
  }
});
parentPort.postMessage({ ready: true });
`;
