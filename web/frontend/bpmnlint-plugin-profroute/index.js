module.exports = {
  configs: {
    recommended: {
      rules: {
        'user-task-form': 'error',
        'known-form': 'error',
        'known-operation': 'error',
        'known-decision': 'error',
        'timer-literal-zone': 'error',
      },
    },
  },
  rules: {
    'user-task-form': './rules/user-task-form',
    'known-form': './rules/known-form',
    'known-operation': './rules/known-operation',
    'known-decision': './rules/known-decision',
    'timer-literal-zone': './rules/timer-literal-zone',
  },
};
