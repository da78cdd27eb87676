"""The bundled catalog and its search index, built once per module that searches them."""

from __future__ import annotations

import pytest

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog
from wizard.content.model import Catalog
from wizard.engine.search import SearchIndex


@pytest.fixture(scope="module")
def bundled_catalog() -> Catalog:
    loaded = load_catalog([BUNDLED_TREES]).catalog
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def bundled_index(bundled_catalog: Catalog) -> SearchIndex:
    return SearchIndex.build(bundled_catalog)
