"""Administration: users of every organisation; API tokens of the signed-in user."""
