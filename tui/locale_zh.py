"""Simplified Chinese for every English UI string (see ``tui/i18n.py``).

One section per area, so that additions land in their own place.
"""

ZH: dict[str, str] = {
    # -- the domain's words (tui/labels.py) ----------------------------------
    "leader": "组长",
    "deputy": "副组长",
    "member": "组员",
    "full member": "正式党员",
    "probationary": "预备党员",
    "development target": "发展对象",
    "activist": "入党积极分子",
    "applicant": "入党申请人",
    "non-member": "群众",
    "regular": "在编",
    "external hire": "外聘员工",
    "canteen": "食堂",
    "dormitory": "宿舍",
    "maintenance": "维修",
    "other": "其他",
    "mobile": "流动",
    "external": "外聘",
    "Mon": "周一",
    "Tue": "周二",
    "Wed": "周三",
    "Thu": "周四",
    "Fri": "周五",
    "Sat": "周六",
    "Sun": "周日",
    "Error: {message}": "错误：{message}",
    # -- roster and shifts commands ------------------------------------------
    "No.": "工号",
    "Name": "姓名",
    "Group": "党小组",
    "Role": "职务",
    "Status": "政治面貌",
    "Department": "部门",
    "Post": "岗位",
    "Date": "日期",
    "Day": "星期",
    "Hours": "时间",
    "Shift": "班次",
    "{count} staff": "共 {count} 人",
    "{count} shifts, {hours:.1f} hours": "共 {count} 个班次，{hours:.1f} 小时",
    "no member with employee number {value}": "没有工号为 {value} 的人员",
    "no group named {name}": "没有名为 {name} 的党小组",
    "--to is before --from": "--to 早于 --from",
    # -- setting up ----------------------------------------------------------
    "Database ready: {path}": "数据库已就绪：{path}",
    "Demo organisation: {members} staff, {groups} groups, in {path}": (
        "演示组织：{members} 名员工，{groups} 个党小组，保存在 {path}"
    ),
    "{path} already holds an organisation; add --force to replace it": (
        "{path} 中已有组织数据；如要替换，请加 --force"
    ),
    "unknown time zone {zone}": "未知时区 {zone}",
    "{path} is not a shiftcell database ({error})": "{path} 不是 shiftcell 数据库（{error}）",
    "{path}: no such database; create one with `shiftcell init` or `shiftcell demo`": (
        "{path}：数据库不存在；请用 `shiftcell init` 或 `shiftcell demo` 创建"
    ),
    "{path}: the database needs an upgrade; run `shiftcell --db {path} init` first": (
        "{path}：数据库需要升级；请先运行 `shiftcell --db {path} init`"
    ),
    "this database is open read-only": "数据库以只读方式打开",
    # -- importing -----------------------------------------------------------
    "{file}: {count} rows are fine; nothing written (--dry-run).": (
        "{file}：{count} 行均无问题；未写入（--dry-run）。"
    ),
    "{file}: imported {count} rows.": "{file}：已导入 {count} 行。",
    "Nothing was imported: {count} problem(s).": "未导入任何数据：发现 {count} 处问题。",
    "missing column {column}": "缺少列 {column}",
    "cannot read this file: {error}": "无法读取该文件：{error}",
    "unknown file type {suffix}; use .csv or .xlsx": "不支持的文件类型 {suffix}；请使用 .csv 或 .xlsx",
    "not UTF-8 or GB18030 text": "不是 UTF-8 或 GB18030 编码的文本",
    "the file has no header row": "文件没有表头行",
    "a value is required": "此项不能为空",
    "{value!r} is not one of {choices}": "{value!r} 不是可选值之一：{choices}",
    "employee {value} appears again (first on row {first})": (
        "工号 {value} 重复出现（首次在第 {first} 行）"
    ),
    "group {group} already has a leader on row {first}": "党小组 {group} 已在第 {first} 行指定组长",
    "a role needs a group": "填写职务时须同时填写党小组",
    "no member with employee number {value}; import members first": (
        "没有工号为 {value} 的人员；请先导入人员名单"
    ),
    "{value!r} is not a date like 2026-12-07": "{value!r} 不是 2026-12-07 这样的日期",
    "{value!r} is not a time like 08:30": "{value!r} 不是 08:30 这样的时间",
    "overlaps the shift on row {other} ({hours})": "与第 {other} 行的班次（{hours}）重叠",
    "overlaps a stored shift {day} {hours}": "与已有班次 {day} {hours} 重叠",
    # -- proposals and reasons (shiftcell propose, tui/reasons.py) -------------
    # (scheduler strings go right below this line)
    "on shift {hours} at {post}": "在{post}值班 {hours}",
    "on shift {hours}": "值班 {hours}",
    "resting after night shift until {time}": "夜班后休息至 {time}",
    "on leave until {day}": "请假至 {day}",
    "on leave until {day} ({note})": "请假至 {day}（{note}）",
    "{value} is not among the members asked about": "{value} 不在所选人员之中",
    "only group {group} can be planned for here": "此处只能为党小组 {group} 安排",
    "choose whom to meet: --group NAME, --department NAME, --member EMP_NO or --all": (
        "请选择参会范围：--group 党小组、--department 部门、--member 工号 或 --all"
    ),
    "no department named {name}": "没有名为 {name} 的部门",
    "everyone": "全体人员",
    "plan at most {days} days at a time": "一次最多安排 {days} 天",
    "no {duration}-minute meeting fits between {earliest} and {latest}": (
        "{earliest} 至 {latest} 之间放不下 {duration} 分钟的会议"
    ),
    "{title} · {members} members · {first} – {last} · {duration} min": (
        "{title} · {members} 人 · {first} 至 {last} · {duration} 分钟"
    ),
    "No time suits every required member; blocked by: {who}": (
        "没有所有必到人员都能参加的时间；无法参加的是：{who}"
    ),
    "Repeat sessions chosen greedily: at least 63% of the best possible coverage (too large for the exact search).": (
        "分批次场次由贪心算法选出：覆盖人数至少达到最优的 63%（规模过大，无法精确求解）。"
    ),
    "quorum": "达到法定人数",
    "no quorum": "未达法定人数",
    "Session {number}: ": "第 {number} 场：",
    "Cannot attend any session:": "各场均无法参加：",
    "Cannot attend:": "无法参加：",
    "… and {count} more (--json lists everyone)": "…… 另有 {count} 人（--json 可列出全部）",
    "any start until {time}": "最晚 {time} 开始",
    "{count} attend": "{count} 人可参加",
    "{held} session(s) already reach as many members as {sessions} would.": (
        "{held} 场即可覆盖 {sessions} 场所能覆盖的全部人员。"
    ),
    # -- the app: welcome, week grid, roster, heatmap ------------------------
    # (main screen strings go right below this line)
    "Quit": "退出",
    "Help": "帮助",
    "Show every key and what it does": "列出所有按键及其作用",
    "Leave shiftcell": "退出 shiftcell",
    "Could not read the data: {error}": "无法读取数据：{error}",
    "Command palette: every action by name": "命令面板：按名称查找所有操作",
    "Keys": "按键",
    "Mouse: click a roster line or a heatmap cell.": "鼠标：点击名册中的一行或热力图中的一格。",
    "Escape, q or ? closes this help.": "按 Esc、q 或 ? 关闭帮助。",
    "Close help": "关闭帮助",
    "Back": "返回",
    "Go to the week of (YYYY-MM-DD):": "跳转到包含该日期的一周（YYYY-MM-DD）：",
    "all departments": "全部部门",
    "Week {week} of {year}": "{year} 年第 {week} 周",
    "{name} ({number}): {hours:.0f} hours on shift this week, highlighted": "{name}（{number}）：本周在岗 {hours:.0f} 小时，已高亮",
    "{people} people in {groups} groups · {shifts} shifts this week": "{groups} 个党小组 {people} 人 · 本周 {shifts} 个班次",
    "group {name}": "党小组 {name}",
    "read-only": "只读",
    "Previous week": "上一周",
    "Next week": "下一周",
    "This week": "本周",
    "Go to date": "跳转日期",
    "Roster": "名册",
    "Clear": "清除选择",
    "Plan meeting": "安排会议",
    "Meetings": "会议",
    "Export": "导出日历",
    "Load the demo": "载入演示数据",
    "Checking {file}…": "正在检查 {file}…",
    "Creating the demo organisation…": "正在创建演示组织…",
    "Demo organisation: {count} staff": "演示组织：{count} 名员工",
    "Welcome to shiftcell": "欢迎使用 shiftcell",
    "This database is empty. Try shiftcell on a demo logistics branch, or bring in your own members and shifts from a .csv or .xlsx file.": "数据库是空的。可以先用演示的后勤党总支试用 shiftcell，也可以从 .csv 或 .xlsx 文件导入自己的人员和班次。",
    "Load the demo organisation": "载入演示组织",
    "Type the path of a .csv or .xlsx file first.": "请先输入 .csv 或 .xlsx 文件的路径。",
    "{path}: no such file": "{path}：文件不存在",
    "Now import the shifts file.": "接下来请导入班次文件。",
    "It is open read-only: ask the secretary to fill it first.": "数据库以只读方式打开：请先由支部书记录入数据。",
    "File to import (members first, then shifts):": "要导入的文件（先导入人员，再导入班次）：",
    "path/to/roster.xlsx": "路径/名册.xlsx",
    "Import members": "导入人员",
    "Import shifts": "导入班次",
    "{count} people": "{count} 人",
    "{shift}×{count}": "{shift}×{count}",
    "mob": "流动",
    "ext": "外聘",
    "In the roster: ★ group leader, ☆ deputy, mob mobile member, ext external hire; hours on shift this week.": "名册中：★ 组长，☆ 副组长，流动 流动党员，外聘 外聘员工；以及本周在岗小时数。",
    # -- the app: plan a meeting, meetings, attendance; meetings commands -----
    # (meeting strings go right below this line)
    # -- calendars: export, feeds ---------------------------------------------
    # (calendar strings go right below this line)
    # -- group leaders over SSH ----------------------------------------------
    # (ssh strings go right below this line)
}
