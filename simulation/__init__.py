"""Regional cohort simulation: a synthetic region's youths run through the whole map on the engine, with
simulated operators filling every user-task form, on a moved clock; the result is a route funnel report.

    from profroute.wiring import WIRING
    from simulation.config import SimulationConfig
    from simulation.runner import run_simulation
    config = SimulationConfig(youths=20, years=1, seed=7, database_url="sqlite:///sim.sqlite")
    outcome = run_simulation(config, WIRING)
"""
