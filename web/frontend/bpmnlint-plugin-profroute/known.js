// What the server knows (forms, service operations, decision tables). The browser fills these lists before
// linting; on the command line they stay null and the rules that need them check nothing.
module.exports = { forms: null, operations: null, decisions: null };
