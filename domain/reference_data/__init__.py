"""Static reference data (ОКСО specialties, territory, service catalogue, event types, practice library)
and an idempotent loader into the reference tables."""
