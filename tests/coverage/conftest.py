"""Coverage tests drive pytest itself through the ``pytester`` fixture.

The fixture comes from ``-p pytester`` in pyproject's addopts: pytest refuses
``pytest_plugins`` in a conftest below the root folder.
"""
