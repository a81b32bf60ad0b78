"""Every distribution against Chainer 7.8.1: values and gradients of the cases of the golden
scripts tools/goldens/distributions*.py (data in tests/data/)."""
import pytest

import distribution_checks as checks

SETS = ('distributions', 'distributions_more', 'distributions_extra', 'distributions_mvn')
LOADED = {name: checks.load(name) for name in SETS}
CASES = [(s, name) for s in SETS for name in sorted(LOADED[s][0].CASES)]


@pytest.mark.filterwarnings('ignore::RuntimeWarning')
@pytest.mark.parametrize('golden_set, name', CASES)
def test_values_match_chainer(golden_set, name):
    checks.check_values(*LOADED[golden_set], name)


@pytest.mark.filterwarnings('ignore::RuntimeWarning')
@pytest.mark.parametrize('golden_set, name', CASES)
def test_gradients_match_chainer(golden_set, name):
    checks.check_gradients(*LOADED[golden_set], name)


@pytest.mark.parametrize('golden_set', SETS)
def test_every_case_has_goldens(golden_set):
    checks.check_every_case_has_goldens(*LOADED[golden_set])
