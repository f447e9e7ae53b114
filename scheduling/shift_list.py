"""Many shifts held compactly, made into ``Shift`` objects only when asked.

The store keeps the shifts its patterns expand to as **blocks**: one member's
shifts over a stretch of time (a week), packed as little-endian 32-bit
triples ``(start, end, kind)``. ``start`` and ``end`` count seconds from the
block's ``base`` instant; ``kind`` numbers the shift's ``(post, label, code)``
in a small table. A ``ShiftList`` holds the blocks of one read and answers in
two ways:

- as a sequence of ``Shift`` (the week grid, calendars): decoded in plain
  Python, without numpy, so that a screen or a small command starts quickly;
- as columns of numbers (``columns()``, availability): decoded with numpy in
  a few vectorised steps, with no object per shift at all.

Both keep the shifts overlapping ``[lo, hi)`` and order them as ``expand``
does: by start, member, end, blocks in the order given and each block in its
own order. A list of ready ``Shift`` objects (``ShiftList.of``) answers the
same two ways.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, overload
from zoneinfo import ZoneInfo

from shiftcell.scheduling.model import Shift

if TYPE_CHECKING:
    import numpy as np

Kind = tuple[str | None, str | None, str | None]  # post, label, code
BYTES_PER_SHIFT = 12
# Reads of more blocks than this become objects by way of numpy's columns:
# decoded and ordered in a few vectorised steps, worth numpy's import.
MANY_BLOCKS = 1000
_SWAP = sys.byteorder == "big"  # blocks are little-endian on every machine


# One member's shifts, packed: (employee_no, base, data), instants in seconds
# from ``base``. A plain tuple, as a database row comes.
Block = tuple[str, int, bytes]


def encode(shifts: Sequence[Shift], base: int, kind_of: dict[Kind, int]) -> bytes:
    """Pack shifts (all of one member) as a block from ``base``; new kinds are numbered."""
    values = array("i")
    for shift in shifts:
        kind = (shift.post, shift.label, shift.code)
        number = kind_of.setdefault(kind, len(kind_of))
        values.extend((_seconds(shift.start_ts) - base, _seconds(shift.end_ts) - base, number))
    if _SWAP:
        values.byteswap()
    return values.tobytes()


def _seconds(moment: float) -> int:
    whole = int(moment)
    if whole != moment:  # shifts are made of whole minutes: never a fraction of a second
        raise ValueError(f"a shift instant is not a whole second: {moment}")
    return whole


def decode(block: Block) -> list[tuple[int, int, int]]:
    """The ``(start, end, kind)`` of each shift of a block, as real instants."""
    base = block[1]
    return [(base + s, base + e, k) for s, e, k in _triples(block)]


def _triples(block: Block) -> Iterator[tuple[int, int, int]]:
    """``(start, end, kind)`` as packed: instants still counted from the base."""
    values = array("i")
    values.frombytes(block[2])
    if _SWAP:
        values.byteswap()
    numbers = iter(values)
    return zip(numbers, numbers, numbers, strict=True)


@dataclass(frozen=True)
class ShiftColumns:
    """A read's shifts as arrays, in the list's order.

    ``owner`` indexes ``names`` (employee numbers); ``kind`` indexes ``posts`` and
    ``labels`` alike.
    """

    names: list[str]
    owner: np.ndarray
    start: np.ndarray
    end: np.ndarray
    posts: list[str | None]
    kind: np.ndarray
    labels: list[str | None]


class ShiftList(Sequence[Shift]):
    """The shifts of one read, kept as blocks or as ready objects."""

    def __init__(
        self,
        zone: ZoneInfo,
        kinds: Sequence[Kind],
        blocks: Sequence[Block],
        lo: float,
        hi: float,
    ) -> None:
        self.zone = zone
        self._kinds = kinds
        self._blocks = blocks
        self._lo, self._hi = lo, hi
        self._shifts: list[Shift] | None = None
        self._columns: ShiftColumns | None = None
        self._moments: dict[int, datetime] = {}

    @classmethod
    def of(cls, shifts: Sequence[Shift], zone: ZoneInfo) -> ShiftList:
        """Ready shifts, in the order given."""
        made = cls(zone, (), (), float("-inf"), float("inf"))
        made._shifts = list(shifts)
        return made

    @property
    def many(self) -> bool:
        """Read as so many blocks that columns (numpy) are the quicker way to use them."""
        return self._shifts is None and len(self._blocks) >= MANY_BLOCKS

    # -- as Shift objects (plain Python) -------------------------------------

    def _objects(self) -> list[Shift]:
        if self._shifts is None:
            if self._columns is None and len(self._blocks) < MANY_BLOCKS:
                self._shifts = self._decoded()
            else:
                self._shifts = self._from_columns()
        return self._shifts

    def _from_columns(self) -> list[Shift]:
        columns = self.columns()
        names, kinds = columns.names, self._kinds
        starts, ends = columns.start.tolist(), columns.end.tolist()
        moment = self._moments_of(starts, ends)
        owners, kinds_of = columns.owner.tolist(), map(kinds.__getitem__, columns.kind.tolist())
        return [
            Shift(moment[s], moment[e], names[o], post, label, code, float(s), float(e))
            for s, e, o, (post, label, code) in zip(starts, ends, owners, kinds_of, strict=True)
        ]

    def _moments_of(self, *instants: list[int]) -> dict[int, datetime]:
        # A read holds a few hundred distinct instants among its many shifts.
        moment = self._moments
        for seconds in set().union(*instants):
            if seconds not in moment:
                moment[seconds] = datetime.fromtimestamp(seconds, self.zone)
        return moment

    def _decoded(self) -> list[Shift]:
        found: list[tuple[int, str, int, int]] = []
        for block in self._blocks:
            no, base = block[0], block[1]
            top, bottom = self._hi - base, self._lo - base  # compared before adding the base
            found += [
                (base + s, no, base + e, k) for s, e, k in _triples(block) if s < top and e > bottom
            ]
        found.sort(key=itemgetter(0, 1, 2))  # stable, as expand's own sort
        moment = self._moments_of([f[0] for f in found], [f[2] for f in found])
        kinds = self._kinds
        return [
            Shift(moment[s], moment[e], no, post, label, code, float(s), float(e))
            for s, no, e, (post, label, code) in ((s, no, e, kinds[k]) for s, no, e, k in found)
        ]

    def _shift(self, employee_no: str, start: int, end: int, kind: int) -> Shift:
        post, label, code = self._kinds[kind]
        return Shift(
            self._moment(start),
            self._moment(end),
            employee_no,
            post,
            label,
            code,
            float(start),
            float(end),
        )

    def _moment(self, seconds: int) -> datetime:
        # A read holds a few hundred distinct instants among its many shifts.
        moment = self._moments.get(seconds)
        if moment is None:
            moment = self._moments[seconds] = datetime.fromtimestamp(seconds, self.zone)
        return moment

    def _at(self, index: int) -> Shift:
        if self._shifts is not None:
            return self._shifts[index]
        columns = self.columns()
        return self._shift(
            columns.names[int(columns.owner[index])],
            int(columns.start[index]),
            int(columns.end[index]),
            int(columns.kind[index]),
        )

    def __len__(self) -> int:
        if self._shifts is None and self._columns is not None:
            return len(self._columns.start)
        return len(self._objects())

    @overload
    def __getitem__(self, index: int) -> Shift: ...

    @overload
    def __getitem__(self, index: slice) -> list[Shift]: ...

    def __getitem__(self, index: int | slice) -> Shift | list[Shift]:
        if isinstance(index, slice):
            return self._objects()[index]
        if self._shifts is None and self._columns is not None:
            count = len(self._columns.start)
            if not -count <= index < count:
                raise IndexError(index)
            return self._at(index % count)
        return self._objects()[index]

    def __iter__(self) -> Iterator[Shift]:
        return iter(self._objects())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ShiftList | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ShiftList({list(self)!r})"

    # -- as columns (numpy) --------------------------------------------------

    def columns(self) -> ShiftColumns:
        """The shifts as arrays, for availability: no object per shift."""
        if self._columns is None:
            if self._shifts is not None:
                self._columns = _columns_of(self._shifts)
            else:
                self._columns = self._decoded_columns()
        return self._columns

    def _decoded_columns(self) -> ShiftColumns:
        import numpy as np

        blocks = self._blocks
        if blocks:
            owners, bases, datas = zip(*blocks, strict=True)
        else:
            owners, bases, datas = (), (), ()
        names = sorted(set(owners))
        rank = {name: index for index, name in enumerate(names)}
        counts = np.fromiter(map(len, datas), np.int64, len(datas)) // BYTES_PER_SHIFT
        data = np.frombuffer(b"".join(datas), "<i4").reshape(-1, 3)
        base = np.repeat(np.array(bases, np.int64), counts)
        owner = np.repeat(np.fromiter(map(rank.__getitem__, owners), np.int64, len(owners)), counts)
        start = base + data[:, 0]
        end = base + data[:, 1]
        keep = np.flatnonzero((start < self._hi) & (end > self._lo))
        order = keep[_by_start_member_end(start[keep], owner[keep], end[keep])]
        return ShiftColumns(
            names=names,
            owner=owner[order],
            start=start[order],
            end=end[order],
            posts=[post for post, _, _ in self._kinds],
            kind=data[order, 2].astype(np.int64),
            labels=[label for _, label, _ in self._kinds],
        )


def _by_start_member_end(start: np.ndarray, owner: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The stable order by start, then member (numbered in name order), then end.

    One sort of a key packing all three when they fit in 63 bits (a read of a
    few months does), else a sort by three keys, three times slower.
    """
    import numpy as np

    if not len(start):
        return np.zeros(0, np.int64)
    offset, length = start - start.min(), end - start
    widths = [int(x.max()).bit_length() for x in (offset, owner, length)]
    if sum(widths) > 63:
        return np.lexsort((end, owner, start))
    key = (offset << (widths[1] + widths[2])) | (owner << widths[2]) | length
    return np.argsort(key, kind="stable")


def _columns_of(shifts: list[Shift]) -> ShiftColumns:
    """Columns of ready shifts: one walk over the objects, then walks over tuples."""
    import numpy as np

    fields = list(map(attrgetter("employee_no", "start_ts", "end_ts", "post", "label"), shifts))
    count = len(fields)
    names: dict[str, int] = {}
    kinds: dict[tuple[str | None, str | None], int] = {}
    owner = np.fromiter((names.setdefault(f[0], len(names)) for f in fields), np.int64, count)
    kind = np.fromiter((kinds.setdefault(f[3:], len(kinds)) for f in fields), np.int64, count)
    return ShiftColumns(
        names=list(names),
        owner=owner,
        start=np.fromiter((f[1] for f in fields), np.float64, count).astype(np.int64),
        end=np.fromiter((f[2] for f in fields), np.float64, count).astype(np.int64),
        posts=[post for post, _ in kinds],
        kind=kind,
        labels=[label for _, label in kinds],
    )
