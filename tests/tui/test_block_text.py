"""What a block of the week grid says: whole words or shorter true forms, never half a name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling import DepartmentKind
from shiftcell.tui.views.block_text import block_lines
from shiftcell.tui.views.short_forms import clock, first_fit, shift_codes, span_forms
from shiftcell.tui.views.week_layout import Block
from shiftcell.tui.words.textwidth import cells

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
LATIN = st.characters(min_codepoint=ord("a"), max_codepoint=ord("z"))
NAMES = (
    st.text(st.one_of(CJK, LATIN, st.just(" ")), min_size=1, max_size=8).map(str.strip).filter(bool)
)
LABELS = st.sampled_from(["早班", "晚班", "夜班", "夜间值班", "24小时班", "Early", ""])
POSTS = st.lists(st.sampled_from(["第一食堂", "东区公寓", "Gate 3"]), max_size=3, unique=True)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    start = draw(st.integers(0, 23 * 60))
    end = draw(st.integers(start + 1, 24 * 60))
    meeting = draw(st.booleans())
    names = () if meeting else tuple(draw(st.lists(NAMES, min_size=1, max_size=12)))
    hours = f"{clock(draw(st.integers(0, 1439)))}–{clock(draw(st.integers(0, 1439)))}"
    return Block(
        day=0,
        start=start,
        end=end,
        kind=DepartmentKind.CANTEEN,
        post="、".join(draw(POSTS)),
        label=draw(NAMES) if meeting else draw(LABELS),
        hours=hours,
        names=names,
        employee_nos=tuple(f"HQ{i}" for i in range(len(names))),
        continued=draw(st.booleans()),
        highlighted=False,
        meeting=meeting,
    )


def true_forms(block: Block, codes: dict[str, str]) -> set[str]:
    """The oracle: every line a block may show, each whole or a shorter form still true."""
    count = len(block.names)
    code = codes.get(block.label, "")
    titles = {f"{block.label}×{count}", f"{code}×{count}", f"×{count}", str(count)}
    titles |= {"↳" + title for title in titles}
    start, end = block.hours.split("–")
    minutes = [int(part[:2]) * 60 + int(part[3:]) for part in (start, end)]
    hours = set(span_forms([(minutes[0], minutes[1])], continued=block.continued))
    posts = [p for p in block.post.split("、") if p]
    post_forms = {block.post, f"{posts[0]}+{len(posts) - 1}"} if posts else set()
    names = set(block.names) | {"↳" + name for name in block.names}
    more = {f"+{k}" for k in range(1, count + 1)}
    meeting = {f"◆{block.label}", "◆", block.post}
    return titles | hours | post_forms | names | more | (meeting if block.meeting else set())


def written_down(lines: list[str], names: tuple[str, ...]) -> set[int]:
    """Rows where a name is written top to bottom, one whole character a row, from row 0."""
    for name in names:
        wide = len(name) > 1 and all(cells(ch) == 2 for ch in name)
        if wide and len(lines) >= len(name) and "".join(lines[: len(name)]) == name:
            return set(range(len(name)))
    return set()


@given(blocks(), st.integers(0, 30), st.integers(0, 40))
def test_a_label_is_whole_or_a_shorter_true_form_and_never_wider_than_its_room(
    block: Block, width: int, rows: int
) -> None:
    """Half a name ("贾淑" for 贾淑文) is a different person; a lost count ("日班×") says
    nothing; words wider than their lane run into the next one."""
    codes = shift_codes(["早班", "晚班", "夜班", "夜间值班", "24小时班", "Early", block.label])
    lines = block_lines(block, width, rows, codes)
    assert len(lines) <= rows
    allowed = true_forms(block, codes)
    down = written_down(lines, block.names) if len(block.names) == 1 else set()
    for index, line in enumerate(lines):
        assert cells(line) <= width
        assert line, "an empty line would leave a gap between the words"
        if index in down:
            assert cells(line) == 2  # one whole character of the name
        else:
            assert line in allowed, (line, block)


@given(blocks(), st.integers(1, 30), st.integers(1, 40))
def test_a_crew_never_loses_its_count(block: Block, width: int, rows: int) -> None:
    """How many people are on a shift is the one thing a crew block must always say."""
    if block.meeting or len(block.names) < 2 or width < len(str(len(block.names))) + 1:
        return
    lines = block_lines(block, width, rows, {})
    assert lines[0].endswith(str(len(block.names)))


def test_a_narrow_lane_gives_a_crew_its_code_and_count() -> None:
    """At 80x24 a lane has four cells: "日×7" still says which shift and how many."""
    crew = Block(0, 480, 1050, DepartmentKind.MAINTENANCE, "水电维修班", "日班", "08:00–17:30",
                 ("余庆", "韩超强", "毛庆浩", "蒋艳洋", "汤娟涛", "贾军", "彭勇"),
                 tuple("1234567"), False, False)  # fmt: skip
    codes = shift_codes(["日班", "夜班", "夜间值班"])
    assert block_lines(crew, 4, 6, codes) == ["日×7", "8:00", "余庆", "贾军", "彭勇", "+4"]
    assert block_lines(crew, 4, 4, codes) == ["日×7", "8:00", "余庆", "+6"]
    assert block_lines(crew, 20, 12, codes)[:3] == ["日班×7", "08:00–17:30", "水电维修班"]


def test_a_name_too_wide_for_its_lane_is_written_down_it() -> None:
    """贾淑文 in a three-cell lane: top to bottom, whole, rather than 贾淑."""
    one = Block(1, 1200, 1440, DepartmentKind.DORMITORY, "西区公寓", "夜班", "20:00–08:00",
                ("贾淑文",), ("HQ1",), False, False)  # fmt: skip
    assert block_lines(one, 3, 8, {})[:3] == ["贾", "淑", "文"]
    assert block_lines(one, 3, 2, {}) == ["1"]
    assert block_lines(one, 8, 3, {}) == ["贾淑文", "西区公寓", "20:00"]


def test_shift_codes_are_the_shortest_starts_no_other_label_shares() -> None:
    codes = shift_codes(["早班", "晚班", "夜班", "夜间值班", "24小时班", "两头班"])
    assert codes == {
        "早班": "早",
        "晚班": "晚",
        "夜班": "夜班",
        "夜间值班": "夜间",
        "24小时班": "24",
        "两头班": "两",
    }


def test_the_first_form_that_fits_is_chosen_and_nothing_when_none_does() -> None:
    assert first_fit(["早班×7", "早×7", "×7"], 4) == "早×7"
    assert first_fit(["贾淑文"], 4) == ""
