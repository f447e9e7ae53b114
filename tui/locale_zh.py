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
    # -- the app: welcome, week grid, roster, heatmap ------------------------
    # (main screen strings go right below this line)
    # -- the app: plan a meeting, meetings, attendance; meetings commands -----
    # (meeting strings go right below this line)
    "group meeting": "党小组会",
    "committee meeting": "支委会",
    "branch general meeting": "支部党员大会",
    "party lecture": "党课",
    "theme day": "主题党日",
    "make-up session": "补课",
    "other meeting": "其他会议",
    "present": "出席",
    "excused": "请假",
    "absent": "缺席",
    "not recorded": "未记录",
    "cancelled": "已取消",
    "upcoming": "未开始",
    "under way": "进行中",
    "to record": "待记录",
    "{rate:.0%} present": "出席率 {rate:.0%}",
    "ID": "编号",
    "When": "时间",
    "Type": "类型",
    "Topic": "主题",
    "Groups": "党小组",
    "Place": "地点",
    "Invited": "应到",
    "State": "状态",
    "{count} meetings": "共 {count} 次会议",
    "Booked meeting {id}: {when}, {count} invited.": "已安排会议 {id}：{when}，应到 {count} 人。",
    "Meeting {id} was already cancelled.": "会议 {id} 此前已取消。",
    "Cancelled meeting {id}.": "已取消会议 {id}。",
    "meeting {id} was cancelled": "会议 {id} 已取消",
    "meeting {id} has not started yet": "会议 {id} 尚未开始",
    "give --present, --excused, --absent or --notes": "请给出 --present、--excused、--absent 或 --notes",
    "Meeting {id}: {present} of {invited} present.": "会议 {id}：应到 {invited} 人，实到 {present} 人。",
    "Needs a make-up session: {members}": "需要补课：{members}",
    "{value} is named more than once": "{value} 被重复列出",
    "{value!r} is not like HQ0001:reason": "{value!r} 不是 HQ0001:原因 这样的格式",
    "{name} is outside the group this session shows": "{name} 不在当前限定查看的党小组范围内",
    "no meeting with ID {id}": "没有编号为 {id} 的会议",
    "{value!r} is not a time like 2026-12-10 14:00": "{value!r} 不是 2026-12-10 14:00 这样的时间",
    "Meetings": "会议",
    "Meetings · {group}": "会议 · {group}",
    "Upcoming": "即将举行",
    "Past": "已举行",
    "No upcoming meetings.": "没有即将举行的会议。",
    "No past meetings.": "没有已举行的会议。",
    "Open": "打开",
    "Back": "返回",
    "Cancel meeting": "取消会议",
    "Cancel this meeting?": "确定取消这次会议？",
    "{count} invited": "应到 {count} 人",
    "Yes, cancel it": "是，取消会议",
    "No, keep it": "否，保留",
    "Meeting cancelled.": "会议已取消。",
    "Loading…": "正在读取…",
    "Saved.": "已保存。",
    "Attendance": "出勤",
    "Reason": "原因",
    "session {index} of {count}": "第 {index} 场，共 {count} 场",
    "Notes": "记录",
    "This meeting was cancelled.": "这次会议已取消。",
    "{count} invited. Attendance is recorded once the meeting has begun.": "应到 {count} 人。会议开始后才能记录出勤。",
    "{count} invited. Nothing recorded yet.": "应到 {count} 人。尚未记录出勤。",
    "{present} of {invited} present ({rate:.0%})": "应到 {invited} 人，实到 {present} 人 ({rate:.0%})",
    "{count} excused": "请假 {count} 人",
    "{count} absent": "缺席 {count} 人",
    "{count} not recorded": "未记录 {count} 人",
    "nobody": "无",
    "Present": "出席",
    "Excused": "请假",
    "Absent": "缺席",
    "Rest present": "其余出席",
    "Export calendar": "导出日历",
    "Why was {name} excused?": "{name} 请假的原因？",
    "e.g. resting after a night shift": "例如：夜班后休息",
    "Enter saves, Escape goes back.": "回车保存，Esc 返回。",
    "An excused absence needs a reason.": "请假须填写原因。",
    "Notes: what was discussed and decided": "会议记录：讨论和决定的事项",
    "Save notes": "保存记录",
    # -- calendars: export, feeds ---------------------------------------------
    # (calendar strings go right below this line)
    # -- group leaders over SSH ----------------------------------------------
    # (ssh strings go right below this line)
}
