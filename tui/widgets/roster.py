"""The roster: branch → groups → members, with role, status and badges."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from shiftcell.scheduling import Employment, Member, Role, Status
from shiftcell.scheduling.cadence import LapseLevel, lapse_level
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.views.week import Week
from shiftcell.tui.words.attendance import lapse_badge
from shiftcell.tui.words.labels import status_label, status_short_label
from shiftcell.tui.words.textwidth import cells, fit
from shiftcell.tui.words.votes import mobility_mark


@dataclass(frozen=True)
class RosterEntry:
    """What a roster line stands for."""

    branch: str | None = None
    group: str | None = None
    member: Member | None = None


class Roster(Tree[RosterEntry]):
    """Branch, groups and members; choosing one tells the screen what to show."""

    @dataclass
    class MemberChosen(Message):
        member: Member

    @dataclass
    class GroupChosen(Message):
        group: str

    @dataclass
    class BranchChosen(Message):
        branch: str

    class LinesChanged(Message):
        """Groups were opened or closed, or the roster refilled: its lines moved."""

    def __init__(self, *, id: str | None = None) -> None:
        # Text, not str: a str label is read as markup, which loads Rich's table
        # of emoji names (1.5 MiB) for a root that is never shown.
        super().__init__(Text(t("Roster")), data=RosterEntry(), id=id)
        self.show_root = False
        self.guide_depth = 2
        # enter chooses a line and never folds a group away; space or a click on the
        # arrow opens and closes one
        self.auto_expand = False
        self.week: Week | None = None
        self._people: tuple[str, ...] = ()
        self._sizes: Counter[str | None] = Counter()  # members by group
        # Whole months without organisational life (3 or more), read after the week.
        self.lapses: Mapping[str, int] = {}
        self._drawn_at = Size(0, 0)  # the size its lines were last drawn at

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_at = self.outer_size
        return super().render_lines(crop)

    def on_resize(self, event: events.Resize) -> None:
        # Textual's tree forgets every drawn line on each resize. The first comes
        # just after the first paint, at the size drawn: forgetting then would
        # draw the whole roster again for nothing.
        if event.size == self._drawn_at:
            event.prevent_default()

    def show_lapses(self, lapses: Mapping[str, int]) -> None:
        """Mark the members drifting from organisational life, on the lines shown."""
        if lapses == self.lapses:
            return  # nothing to mark anew (most groups): no repaint
        self.lapses = lapses
        if self.week is not None and self._people:
            self.fill(self.week)

    def fill(self, week: Week, expanded: set[str] | None = None) -> None:
        """Show ``week``: rebuilt when the people changed, else only the hours updated.

        Members are added to a group when it is opened, so that a branch of
        thousands redraws as fast as one of eighty.
        """
        self.week = week
        people = tuple(m.employee_no for m in week.members)
        if people == self._people and expanded is None:
            for group_node in self._group_nodes():
                for node in group_node.children:
                    member = node.data.member if node.data else None
                    if member is not None:
                        hours = week.hours.get(member.employee_no, 0.0)
                        lapse = self.lapses.get(member.employee_no, 0)
                        node.set_label(member_line(member, hours, lapse))
            return
        first = not self._people
        self._people = people
        open_groups = expanded if expanded is not None else self.expanded_groups()
        self.clear()
        sizes = self._sizes = Counter(m.group for m in week.members)
        for branch in week.branches:
            branch_node = self.root.add(
                Text(branch, style="bold"), data=RosterEntry(branch=branch), expand=True
            )
            for group in (g for g in week.groups if g.branch == branch):
                count = sizes[group.name]
                node = branch_node.add(
                    group_line(group.name, count), data=RosterEntry(branch=branch, group=group.name)
                )
                if group.name in open_groups:
                    self._add_members(node)
                    node.expand()
        groups = self._group_nodes()
        if groups and first:
            # enter on the first group shows its heatmap. The tree lays its lines
            # out when one is asked for: asked now, the first paint has the cursor.
            self.last_line  # noqa: B018
            self.move_cursor(groups[0])
        self.post_message(self.LinesChanged())

    def open_every_group(self) -> None:
        """Every member in view: the rota of a branch that fits on a few screens."""
        for node in self._group_nodes():
            if not node.is_expanded:
                self._add_members(node)
                node.expand()

    def lines(self) -> list[RosterEntry]:
        """What each line shows, top to bottom, as the roster is open now."""
        found: list[RosterEntry] = []

        def walk(node: TreeNode[RosterEntry]) -> None:
            for child in node.children:
                if child.data is not None:
                    found.append(child.data)
                if child.is_expanded:
                    walk(child)

        walk(self.root)
        return found

    def _add_members(self, node: TreeNode[RosterEntry]) -> None:
        entry = node.data
        if entry is None or entry.group is None or node.children or self.week is None:
            return
        hours, lapses = self.week.hours, self.lapses
        for member in members_of(self.week, entry.group):
            node.add_leaf(
                member_line(
                    member, hours.get(member.employee_no, 0.0), lapses.get(member.employee_no, 0)
                ),
                data=RosterEntry(entry.branch, entry.group, member),
            )

    def render_label(self, node: TreeNode[RosterEntry], base_style: Style, style: Style) -> Text:
        """A group's line keeps its head count: a long name gives way with "…"; a
        member's words take their short forms, or give way whole, in a narrow roster."""
        entry = node.data
        width = self.scrollable_content_region.width
        if entry is not None and entry.member is not None and width > 0:
            return self._member_label(entry.member, width, style)
        if entry is None or entry.group is None or width <= 0:
            return super().render_label(node, base_style, style)
        icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        # a group sits one guide in, below its branch
        room = width - self.guide_depth - cells(icon)
        label = group_line(entry.group, self._sizes[entry.group], room)
        label.stylize(style)
        return Text.assemble((icon, base_style + TOGGLE_STYLE), label)

    def _member_label(self, member: Member, width: int, style: Style) -> Text:
        # a member sits two guides in, below its group; a leaf has no arrow
        number = member.employee_no
        hours = self.week.hours.get(number, 0.0) if self.week is not None else 0.0
        room = width - 2 * self.guide_depth
        label = member_line(member, hours, self.lapses.get(number, 0), room)
        label.stylize(style)
        return label

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[RosterEntry]) -> None:
        self._add_members(event.node)
        self.post_message(self.LinesChanged())

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed[RosterEntry]) -> None:
        self.post_message(self.LinesChanged())

    def _group_nodes(self) -> list[TreeNode[RosterEntry]]:
        return [node for branch in self.root.children for node in branch.children]

    def expanded_groups(self) -> set[str]:
        return {
            node.data.group
            for node in self._group_nodes()
            if node.is_expanded and node.data and node.data.group
        }

    def on_tree_node_selected(self, event: Tree.NodeSelected[RosterEntry]) -> None:
        event.stop()
        entry = event.node.data
        if entry is None:
            return
        if entry.member is not None:
            self.post_message(self.MemberChosen(entry.member))
        elif entry.group is not None:
            if not event.node.is_expanded:
                event.node.expand()  # its members in view beside its heatmap
            self.post_message(self.GroupChosen(entry.group))
        elif entry.branch is not None:
            self.post_message(self.BranchChosen(entry.branch))


ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}


def members_of(week: Week, group: str) -> list[Member]:
    """A group's members as the roster lists them: leader, deputy, then by number."""
    return sorted(
        (m for m in week.members if m.group == group),
        key=lambda m: (ROLE_ORDER[m.role], m.employee_no),
    )


def every_line(week: Week) -> list[RosterEntry]:
    """Every line of the roster with every group open: the rota with the roster hidden."""
    found = []
    for branch in week.branches:
        found.append(RosterEntry(branch=branch))
        for group in (g for g in week.groups if g.branch == branch):
            found.append(RosterEntry(branch, group.name))
            found += [RosterEntry(branch, group.name, m) for m in members_of(week, group.name)]
    return found


STATUS_STYLE = {
    Status.FULL: "",
    Status.PROBATIONARY: "#ffaf5f",
    Status.TARGET: "#87d7ff",
    Status.ACTIVIST: "#87d7ff",
    Status.APPLICANT: "#87d7ff",
    Status.NONE: "dim",
}
LAPSE_STYLE = {
    LapseLevel.WARN: "bold #ffd75f",
    LapseLevel.ALERT: "bold #ff8700",
    LapseLevel.LAPSED: "bold #ffffff on #d70000",
}
NAME_CELLS = 8
# what makes a click on the arrow open a group, as the Tree's own labels do
TOGGLE_STYLE = Style.from_meta({"toggle": True})


def group_line(name: str, count: int, room: int | None = None) -> Text:
    """ "第一食堂党小组 8 人", the name cut short with "…" when ``room`` cells are too few."""
    size = f" {tn('{count} person', '{count} people', count)}"
    if room is not None and cells(name) + cells(size) > room:
        name = fit(name, max(1, room - cells(size)))
    return Text.assemble((name, "bold"), (size, "dim"))


def member_line(member: Member, hours: float, lapse: int = 0, room: int | None = None) -> Text:
    """ "★王伟    32h 5个月 预备党员 流出 外聘": leader star, hours, months without
    organisational life (3 or more), status unless full, badges.

    The months are the one thing a secretary must not miss. In ``room`` cells the
    words take their short forms (预备, 积极分子), then the last ones give way
    whole, marked "…" where it fits; when even the months would not fit, they
    take the place of the hours. A word is never cut into another (入党积极分子 cut
    to 入党 would say the opposite; 外聘 to 外 says nothing).
    """
    star = "★" if member.role is Role.LEADER else "☆" if member.role is Role.DEPUTY else " "
    name = member.name + " " * max(0, NAME_CELLS - cells(member.name))
    line = Text.assemble((star, "bold #ffd75f"), (name, "bold" if star.strip() else ""))
    words = _badges(member, lapse)
    months = words.pop(0) if lapse_level(lapse) is not None else None
    hours_text = f"{hours:3.0f}h"
    if months is not None and room is not None and _crowded(line, hours_text, months, room):
        line.append(months[0].rjust(len(hours_text)), months[2])  # in the hours' place
        return line
    line.append(hours_text, "dim")
    if months is not None:
        line.append(f" {months[0]}", months[2])
    kept, cut = _fitting(words, room - line.cell_len if room is not None else None)
    for word, style in kept:
        line.append(f" {word}", style)
    if cut:
        line.append(" …", "dim")
    return line


def _crowded(line: Text, hours: str, months: Badge, room: int) -> bool:
    """The months would not fit after the hours."""
    return line.cell_len + len(hours) + 1 + cells(months[0]) > room


# (the word, its short form, its style), most important first
Badge = tuple[str, str, str]


def _badges(member: Member, lapse: int) -> list[Badge]:
    found: list[Badge] = []
    level = lapse_level(lapse)
    if level is not None:
        months = lapse_badge(lapse)
        found.append((months, months, LAPSE_STYLE[level]))
    if member.status is not Status.FULL:
        style = STATUS_STYLE[member.status]
        found.append((status_label(member.status), status_short_label(member.status), style))
    if member.mobile:
        mark = mobility_mark(member.mobile)
        found.append((mark, mark, "bold #d7afff"))
    if member.employment is Employment.EXTERNAL:
        found.append((t("ext"), t("ext"), "#d7afff"))
    return found


def _fitting(badges: list[Badge], room: int | None) -> tuple[list[tuple[str, str]], bool]:
    """The badges' words that fit in ``room`` cells (each after a space), and whether
    to mark that some gave way."""

    def width(words: list[tuple[str, str]]) -> int:
        return sum(1 + cells(word) for word, _ in words)

    full = [(word, style) for word, _, style in badges]
    if room is None or width(full) <= room:
        return full, False
    short = [(word, style) for _, word, style in badges]
    if width(short) <= room:
        return short, False
    # as many words as fit; the mark that something gave way only where it fits too
    # (a word says more than the mark)
    while short and width(short) > room:
        short.pop()
    return short, width(short) + 2 <= room
