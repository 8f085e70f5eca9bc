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
