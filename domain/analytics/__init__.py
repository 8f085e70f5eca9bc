"""The region's figures read from the registries (graduate outcomes, risk, curator caseloads, practice places),
for the analysts' dashboard and the simulation's report alike; each takes a `RegistryFilter`."""
