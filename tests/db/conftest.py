from collections.abc import Iterator

import pytest

from shiftcell.db.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store.memory()
    s.set_organisation("Test logistics", "Asia/Shanghai")
    yield s
    s.close()
