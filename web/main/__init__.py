"""Home and the language switch."""
