"""One task: its form, drafts, claim and hand-over, dates, comments, attachments, completion."""
