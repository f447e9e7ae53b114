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
    # -- calendars: export, feeds ---------------------------------------------
    # (calendar strings go right below this line)
    "{name}: {summary}": "{name}：{summary}",
    "Cancelled: {summary}": "已取消：{summary}",
    "Groups: {names}": "党小组：{names}",
    "Invited ({count}): {names}": "应到 {count} 人：{names}",
    "{summary} begins in {minutes} minutes": "{summary} 将在 {minutes} 分钟后开始",
    "{name} ({employee_no}): shifts and meetings": "{name}（{employee_no}）的班次与会议",
    "{group}: shifts and meetings": "{group}的班次与会议",
    "{organisation}: shifts and meetings": "{organisation}的班次与会议",
    "Meeting": "会议",
    "Group meeting: {topic}": "党小组会：{topic}",
    "Branch committee meeting: {topic}": "支委会：{topic}",
    "Branch general meeting: {topic}": "支部党员大会：{topic}",
    "Party lecture: {topic}": "党课：{topic}",
    "Theme party day: {topic}": "主题党日：{topic}",
    "Make-up session: {topic}": "补课：{topic}",
    "Meeting: {topic}": "会议：{topic}",
    "Kind": "类别",
    "Starts": "开始",
    "Ends": "结束",
    "Shift or meeting": "班次或会议",
    "Post or place": "岗位或地点",
    "Details": "详情",
    "Wrote {shifts} shifts and {meetings} meetings to {path}": "已写入 {shifts} 个班次和 {meetings} 个会议：{path}",
    "give exactly one of --member, --group, --meeting or --all": "请在 --member、--group、--meeting、--all 中选且只选一项",
    "no meeting with id {id}": "没有编号为 {id} 的会议",
    "cannot write {path}: {error}": "无法写入 {path}：{error}",
    "Feed": "订阅",
    "Whose": "对象",
    "Issued": "创建日期",
    "URL": "网址",
    "{count} feeds": "共 {count} 个订阅",
    "Revoked the feed of {target}.": "已停用 {target} 的订阅。",
    "Serving {count} feeds on {url}/feeds/… (Ctrl+C stops)": "正在 {url}/feeds/… 提供 {count} 个日历订阅（按 Ctrl+C 停止）",
    "give exactly one of --member or --group": "请在 --member 和 --group 中选且只选一项",
    "New feed for {target}:": "已为 {target} 创建订阅：",
    "{target} already has a feed (--replace issues a new one):": "{target} 已有订阅（加 --replace 可换发新的）：",
    "cannot listen on {host}:{port}: {error}": "无法在 {host}:{port} 上监听：{error}",
    "member feed": "个人订阅",
    "group feed": "党小组订阅",
    "revoked {day}": "{day} 已停用",
    "no feed with this token": "没有使用此令牌的订阅",
    # -- group leaders over SSH ----------------------------------------------
    # (ssh strings go right below this line)
}
