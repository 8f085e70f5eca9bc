// What the server knows (form keys, service operation ids, decision ids). The browser sets the lists before
// linting; on the command line they stay unset and the rules that need them check nothing. The packed lint
// config carries its own copy of this module, so the lists live on a global symbol that every copy shares.
const KEY = Symbol.for('profroute.known');

module.exports = {
  set(lists) {
    globalThis[KEY] = lists;
  },
  get(name) {
    const lists = globalThis[KEY];
    return lists ? lists[name] : null;
  },
};
