"""The comparison's interval: the mean and Student's t 95 % interval over the seeds."""
from __future__ import annotations

import pytest

from simulation.comparison import estimate


def test_the_95_percent_interval_of_five_seeds():
    found = estimate([0.7, 0.8, 0.75, 0.85, 0.65])
    # mean 0.75, sample sd 0.0790569, t(4) = 2.776: half-width 0.09815
    assert (found.mean, found.low, found.high) == (0.75, 0.6519, 0.8481)
    assert estimate([0.5]).low == estimate([0.5]).high == 0.5


def test_fewer_than_five_seeds_are_refused(tmp_path):
    from domain.region.parameters import RegionParameters
    from domain.region.scenario import Scenario
    from simulation.comparison import compare

    with pytest.raises(ValueError, match="at least 5 seeds"):
        compare(Scenario("x", RegionParameters(1, 40, 0, 0, 0)), None, seeds=[1, 2], youths=10, years=0.1,
                out_dir=tmp_path)


def test_the_difference_is_taken_seed_by_seed():
    from types import SimpleNamespace

    from simulation.comparison import paired_difference

    def reports(shares):
        return [SimpleNamespace(outcomes=SimpleNamespace(employed_share=share)) for share in shares]

    # both sides swing with the seed, the scenario always 5 points above: the paired interval has no width
    found = paired_difference(reports([0.6, 0.9, 0.7, 0.8, 0.75]), reports([0.65, 0.95, 0.75, 0.85, 0.8]),
                              "employed_share")
    assert (found.mean, found.low, found.high) == (0.05, 0.05, 0.05)
