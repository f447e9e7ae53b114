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
    "missing column {column}": "缺少列 {column}",
    "cannot read this file: {error}": "无法读取该文件：{error}",
    "unknown file type {suffix}; use .csv or .xlsx": "不支持的文件类型 {suffix}；请使用 .csv 或 .xlsx",
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
    "… and {count} more (--json lists everyone)": "…… 另有 {count} 人（--json 可列出全部）",
    "Latest start": "最晚开始",
    "any start until {time}": "最晚 {time} 开始",
    "{count} attend": "{count} 人可参加",
    "quorum": "达到法定人数",
    "no quorum": "未达法定人数",
    "Attend": "可参加",
    "Coverage": "覆盖",
    "Quorum": "法定人数",
    "{held} session(s) already reach as many members as {sessions} would.": (
        "{held} 场即可覆盖 {sessions} 场所能覆盖的全部人员。"
    ),
    # -- the app: welcome, week grid, roster, heatmap ------------------------
    # (main screen strings go right below this line)
    "Commands": "命令",
    "Free ({count} of {total})": "有空（{total} 人中 {count} 人）",
    "Not free ({count})": "没空（{count} 人）",
    "Free for a {minutes}-minute meeting, of {count} in {group}: enter or a click shows who": "{group} 共 {count} 人，每格为能参加 {minutes} 分钟会议的人数：回车或点击查看是谁",
    "who of {group} is free": "{group} 的空闲情况",
    "Working out who of {group} is free…": "正在计算 {group} 谁有空…",
    "Who is free": "谁有空",
    "Earlier": "更早",
    "Later": "更晚",
    "Day before": "前一天",
    "Day after": "后一天",
    "Quit": "退出",
    "Help": "帮助",
    "Show every key and what it does": "列出所有按键及其作用",
    "Leave shiftcell": "退出 shiftcell",
    "Could not read the data: {error}": "无法读取数据：{error}",
    "Command palette: every action by name": "命令面板：按名称查找所有操作",
    "Keys": "按键",
    "Mouse: click a roster line, a block in the grid or a heatmap cell.": "鼠标：点击名册中的一行、周视图中的班次块或热力图中的一格。",
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
    "Reading the week…": "正在读取本周数据…",
    "mob": "流动",
    "ext": "外聘",
    "In the roster: ★ group leader, ☆ deputy, mob mobile member, ext external hire; hours on shift this week.": "名册中：★ 组长，☆ 副组长，流动 流动党员，外聘 外聘员工；以及本周在岗小时数。",
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
    "no meeting with ID {id}": "没有编号为 {id} 的会议",
    "{value!r} is not a time like 2026-12-10 14:00": "{value!r} 不是 2026-12-10 14:00 这样的时间",
    "Meetings · {group}": "会议 · {group}",
    "Upcoming": "即将举行",
    "Past": "已举行",
    "No upcoming meetings.": "没有即将举行的会议。",
    "No past meetings.": "没有已举行的会议。",
    "Open": "打开",
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
    "{count} invited, {free} free at that time.": "应到 {count} 人，届时有空 {free} 人。",
    "Attendance is recorded once the meeting has begun.": "会议开始后才能记录出勤。",
    "Nothing recorded yet.": "尚未记录出勤。",
    "{count} invited.": "应到 {count} 人。",
    "At that time": "届时",
    "free": "有空",
    "{present} of {invited} present ({rate:.0%})": "应到 {invited} 人，实到 {present} 人 ({rate:.0%})",
    "{count} excused": "请假 {count} 人",
    "{count} absent": "缺席 {count} 人",
    "{count} not recorded": "未记录 {count} 人",
    "nobody": "无",
    "Present": "出席",
    "Excused": "请假",
    "Absent": "缺席",
    "All present": "其余出席",
    "Call off": "取消会议",
    "Why was {name} excused?": "{name} 请假的原因？",
    "e.g. resting after a night shift": "例如：夜班后休息",
    "Enter saves, Escape goes back.": "回车保存，Esc 返回。",
    "An excused absence needs a reason.": "请假须填写原因。",
    "Notes: what was discussed and decided": "会议记录：讨论和决定的事项",
    "Save notes": "保存记录",
    "Plan a meeting": "安排会议",
    "Plan a make-up session for {count} members": "为 {count} 人安排补课",
    "Make-up": "补课",
    "Propose": "推荐时间",
    "Book": "预订",
    "Minutes": "分钟",
    "Sessions": "场次",
    "From": "从",
    "To": "到",
    "Required": "必到人员",
    "names or numbers of members who must come": "必须参加者的姓名或工号",
    "Choose at least one group.": "请至少选择一个党小组。",
    "From: {value!r} is not a date like 2026-12-07": "开始日期：{value!r} 不是 2026-12-07 这样的日期",
    "To: {value!r} is not a date like 2026-12-07": "结束日期：{value!r} 不是 2026-12-07 这样的日期",
    "To is before From.": "结束日期早于开始日期。",
    "Plan at most {days} days at a time.": "一次最多安排 {days} 天。",
    "These dates are past: choose dates from today on.": "这些日期已过去：请选择今天及以后的日期。",
    "Looking for times…": "正在查找时间…",
    "{count} proposals for {members} members · Enter chooses one": "为 {members} 人找到 {count} 个时间 · 回车选择",
    "Required: not in these groups: {who}": "必到人员不在所选党小组中：{who}",
    "These groups have no members.": "所选党小组没有成员。",
    "No time suits every required member: {who}": "没有所有必到人员都能参加的时间：{who}",
    "No time found in these dates; try other dates or a shorter meeting.": "这些日期内没有合适的时间；请换个日期或缩短会议时长。",
    "Booking…": "正在预订…",
    "Booked: {topic}, {count} session(s) from {day}": "已预订：{topic}，共 {count} 场，{day} 起",
    "Cannot come ({count}):": "无法参加（{count} 人）：",
    "Cannot come: {who}": "无法参加：{who}",
    "Everyone can come.": "全体都能参加。",
    "and {count} more": "等另 {count} 人",
    "Session {number}": "第 {number} 场",
    "required": "必填",
    "Remarks": "备注",
    "A meeting needs a topic.": "请填写会议主题。",
    "Enter or Ctrl+S books it, Escape goes back.": "回车或 Ctrl+S 预订，Esc 返回。",
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
    "{shifts} shifts and {meetings} meetings, {first} – {last}": "{first} 至 {last}：{shifts} 个班次，{meetings} 个会议",
    "Feed URL: {url}": "订阅网址：{url}",
    "No feed URL yet.": "尚无订阅网址。",
    "Type a file name first.": "请先输入文件名。",
    "Export a calendar": "导出日历",
    "Reading…": "正在读取…",
    "File:": "文件：",
    "Write .ics": "写入 .ics",
    "Write .csv": "写入 .csv",
    "Close": "关闭",
    "Issue a feed URL": "生成订阅网址",
    "Writing {count} events to {path} …": "正在将 {count} 个日程写入 {path} …",
    "Writing {path} …": "正在写入 {path} …",
    # -- group leaders over SSH ----------------------------------------------
    # (ssh strings go right below this line)
    "shiftcell could not start here ({error})": "shiftcell 无法在此启动（{error}）",
    "serve-ssh takes no --read-only or --group: each key sets its own": "serve-ssh 不接受 --read-only 或 --group：由每个密钥各自决定",
    "group {group} (read-only)": "党小组 {group}（只读）",
    "secretary (full access)": "支部书记（完全权限）",
    "Added {label}: {access}": "已添加 {label}：{access}",
    "Fingerprint: {fingerprint}": "指纹：{fingerprint}",
    "Removed {label} ({fingerprint}).": "已删除 {label}（{fingerprint}）。",
    "Label": "标签",
    "Access": "权限",
    "Fingerprint": "指纹",
    "Language": "语言",
    "Last login": "最近登录",
    "server's": "随服务器",
    "never": "从未",
    "Time": "时间",
    "Event": "事件",
    "Key": "密钥",
    "Address": "地址",
    "Detail": "详情",
    "login": "登录",
    "logout": "退出",
    "refused": "拒绝",
    "refused: unknown key": "拒绝：未登记的密钥",
    "refused: no key offered": "拒绝：未提供密钥",
    "refused: too many failures": "拒绝：失败次数过多",
    "refused: the key's group is gone": "拒绝：密钥所属党小组已不存在",
    "refused: server full": "拒绝：会话已满",
    "refused: no terminal": "拒绝：没有终端",
    "refused: command": "拒绝：远程命令",
    "refused: subsystem": "拒绝：子系统",
    "give either --group NAME or --secretary": "请指定 --group 党小组名 或 --secretary 二者之一",
    "No keys yet: add one with `shiftcell ssh-keys add`.": "还没有密钥：用 `shiftcell ssh-keys add` 添加。",
    "Nobody has tried to log in yet.": "还没有人尝试登录。",
    "a key labelled {label} is registered already": "标签为 {label} 的密钥已登记",
    "this key is registered already, as {label}": "这个密钥已登记，标签为 {label}",
    "no group named {group}; the groups are: {groups}": "没有名为 {group} 的党小组；现有党小组：{groups}",
    "no key labelled {label}; the keys are: {labels}": "没有标签为 {label} 的密钥；现有密钥：{labels}",
    "a label must be 1 to 64 characters, none of them a control character": "标签须为 1 到 64 个字符，且不含控制字符",
    "{path}: cannot read it ({error})": "{path}：无法读取（{error}）",
    "{path} is a private key, which must never leave its owner; give the public key ({path}.pub)": "{path} 是私钥，私钥绝不能离开其主人；请提供公钥（{path}.pub）",
    "{path} holds {count} keys; give a file with one key": "{path} 含有 {count} 个密钥；请提供只含一个密钥的文件",
    "{path}: not an SSH public key ({error})": "{path}：不是 SSH 公钥（{error}）",
    "{path}: {algorithm} keys are too weak": "{path}：{algorithm} 密钥强度不足",
    "{path}: a {bits}-bit RSA key is too weak; use ed25519 or RSA of {min}+ bits": "{path}：{bits} 位 RSA 密钥强度不足；请使用 ed25519 或至少 {min} 位的 RSA",
    "{path} can be read by other users (mode {mode:o}); run `chmod 600 {path}` or give another --host-key": "{path} 可被其他用户读取（权限 {mode:o}）；请运行 `chmod 600 {path}` 或另给 --host-key",
    "{path}: not a usable host key ({error})": "{path}：不是可用的主机密钥（{error}）",
    "Database: {path}": "数据库：{path}",
    "Created the host key {path}": "已生成主机密钥 {path}",
    "Host key: {path}": "主机密钥：{path}",
    "Host key fingerprint: {fingerprint}": "主机密钥指纹：{fingerprint}",
    "No keys are registered yet: add one with `shiftcell ssh-keys add`.": "尚未登记任何密钥：用 `shiftcell ssh-keys add` 添加。",
    "Listening on {host}:{port}": "正在监听 {host}:{port}",
    "Leaders connect with: ssh -p {port} <this host>": "党小组长用此命令连接：ssh -p {port} <本机地址>",
    "Stopping: ending {count} session(s)…": "正在停止：结束 {count} 个会话…",
    "cannot listen on {host}:{port} ({error})": "无法监听 {host}:{port}（{error}）",
    "too many failed logins from {address}; try again later": "来自 {address} 的登录失败次数过多；请稍后再试",
    "shiftcell is serving its maximum of {count} sessions; try again later": "shiftcell 已达到最多 {count} 个会话；请稍后再试",
    # -- views of the data: a group's, read-only (db/access.py) ----------------
    "no group named {group}": "没有名为 {group} 的党小组",
    "only group {group} can be changed here": "此处只能更改党小组 {group} 的内容",
    "only the whole organisation's view can change this (not group {group})": "只有全组织视图才能更改此项（当前限定为党小组 {group}）",
    "the database is busy: another program kept it locked for {seconds} seconds; nothing was saved, try again": "数据库正忙：另一个程序已占用 {seconds} 秒；未保存任何内容，请重试",
    "{template}: this command would change it, and --read-only protects it": "{template}：此命令会更改数据库，而 --read-only 保护数据库不被更改",
    "the database is busy: another program kept it locked for {seconds} seconds. Nothing of `{command}` was saved; try again.": "数据库正忙：另一个程序已占用 {seconds} 秒。`{command}` 的更改均未保存，请重试。",
    "nothing to export for {target}": "没有可导出的 {target} 日历",
    # -- organisational life: cadence, periods (scheduling/cadence.py) ---------
    "review meeting": "组织生活会",
    "appraisal of members": "民主评议党员",
    "Review meeting: {topic}": "组织生活会：{topic}",
    "Appraisal of members: {topic}": "民主评议党员：{topic}",
    # -- progress of long commands -------------------------------------------
    "Reading shifts and meetings …": "正在读取班次和会议 …",
    "standard output": "标准输出",
    "Creating {members} demo staff and their shifts …": "正在生成 {members} 名演示职工及其班次 …",
    "Finding meeting times …": "正在查找会议时间 …",
    "Checking {file} …": "正在检查 {file} …",
    "Importing {file} …": "正在导入 {file} …",
    # -- imports that never half-read a file; feed server limits ----------------
    "Warning: {problem}": "注意：{problem}",
    "Nothing was imported: 1 problem.": "未导入任何数据：发现 1 处问题。",
    "Nothing was imported: {count} problems.": "未导入任何数据：发现 {count} 处问题。",
    "{file}: 1 row is fine; nothing written (--dry-run).": "{file}：1 行无问题；未写入（--dry-run）。",
    "{file}: nothing changed; its one member is stored as the file has it.": (
        "{file}：没有变化；文件中的 1 名人员已与数据库一致。"
    ),
    "{file}: nothing changed; its {count} members are stored as the file has them.": (
        "{file}：没有变化；文件中的 {count} 名人员已与数据库一致。"
    ),
    "{file}: 1 member imported ({new} new, {updated} updated, {unchanged} unchanged).": (
        "{file}：已导入 1 名人员（新增 {new}，更新 {updated}，未变 {unchanged}）。"
    ),
    "{file}: {count} members imported ({new} new, {updated} updated, {unchanged} unchanged).": (
        "{file}：已导入 {count} 名人员（新增 {new}，更新 {updated}，未变 {unchanged}）。"
    ),
    "{file}: nothing changed; its one shift is stored as the file has it.": (
        "{file}：没有变化；文件中的 1 个班次已与数据库一致。"
    ),
    "{file}: nothing changed; its {count} shifts are stored as the file has them.": (
        "{file}：没有变化；文件中的 {count} 个班次已与数据库一致。"
    ),
    "{file}: 1 shift imported: {new} new, {unchanged} unchanged, {removed} removed.": (
        "{file}：已导入 1 个班次：新增 {new}，未变 {unchanged}，删除 {removed}。"
    ),
    "{file}: {count} shifts imported: {new} new, {unchanged} unchanged, {removed} removed.": (
        "{file}：已导入 {count} 个班次：新增 {new}，未变 {unchanged}，删除 {removed}。"
    ),
    "nothing to import: the file has a header row but no rows under it": (
        "没有可导入的内容：文件只有表头行，下面没有数据行"
    ),
    "this file is neither UTF-8 nor GB18030 text (tried UTF-8 with and without BOM, then "
    "GB18030; this line reads as neither): in Excel choose Save As "
    "“CSV UTF-8 (Comma delimited)”, or save it as UTF-8 in your editor": (
        "该文件既不是 UTF-8 也不是 GB18030 编码的文本（已尝试带或不带 BOM 的 UTF-8，"
        "以及 GB18030；这一行两种编码都读不通）：请在 Excel 中选择“另存为”，保存类型选"
        "“CSV UTF-8(逗号分隔)”，或在编辑器中另存为 UTF-8"
    ),
    "this file is UTF-16 text (Excel's “Unicode Text”); shiftcell reads UTF-8 "
    "(with or without BOM) or GB18030: in Excel choose Save As "
    "“CSV UTF-8 (Comma delimited)”": (
        "该文件是 UTF-16 编码的文本（Excel 的“Unicode 文本”）；shiftcell 只读取 UTF-8"
        "（带或不带 BOM）或 GB18030：请在 Excel 中选择“另存为”，保存类型选“CSV UTF-8(逗号分隔)”"
    ),
    "this file looks like Big5 (Traditional Chinese): this line reads {value!r} as "
    "GB18030 but {big5!r} as Big5; shiftcell reads UTF-8 (with or without BOM) or GB18030: "
    "in Excel choose Save As “CSV UTF-8 (Comma delimited)”": (
        "该文件看来是 Big5（繁体中文）编码：这一行按 GB18030 读作 {value!r}，按 Big5 读作 "
        "{big5!r}；shiftcell 只读取 UTF-8（带或不带 BOM）或 GB18030：请在 Excel 中选择"
        "“另存为”，保存类型选“CSV UTF-8(逗号分隔)”"
    ),
    "read as GB18030, {unlikely} of this file's {total} non-ASCII characters are rare or "
    "not Chinese, as in this line: {value!r}; if names look wrong, choose Save As "
    "“CSV UTF-8 (Comma delimited)” in Excel and import the file again": (
        "按 GB18030 读取时，文件中 {total} 个非 ASCII 字符里有 {unlikely} 个是生僻字或不是汉字，"
        "例如这一行：{value!r}；如果姓名显示不对，请在 Excel 中“另存为”"
        "“CSV UTF-8(逗号分隔)”后重新导入"
    ),
    "the file is {size:,} bytes; shiftcell reads files of up to {limit:,} bytes": (
        "文件大小为 {size:,} 字节；shiftcell 最多读取 {limit:,} 字节的文件"
    ),
    "the workbook unpacks to {size:,} bytes of XML; shiftcell reads up to {limit:,} bytes: "
    "delete the other sheets or split the file": (
        "该工作簿解压后有 {size:,} 字节的 XML；shiftcell 最多读取 {limit:,} 字节："
        "请删除其他工作表或拆分文件"
    ),
    "more than {limit:,} rows under the header (empty rows count too): delete the rows "
    "below your data or split the file": (
        "表头下超过 {limit:,} 行（空行也计算在内）：请删除数据下方的多余行或拆分文件"
    ),
    "the header row has {count:,} columns; shiftcell reads up to {limit:,}": (
        "表头行有 {count:,} 列；shiftcell 最多读取 {limit:,} 列"
    ),
    "the workbook holds more than {limit:,} distinct texts, far more than a roster needs: "
    "open it in Excel and save it again, or save it as CSV": (
        "该工作簿含有超过 {limit:,} 个不同的文本，远超名单所需：请用 Excel 打开后重新保存，"
        "或另存为 CSV"
    ),
    "a value longer than {limit:,} characters": "单元格内容超过 {limit:,} 个字符",
    "a line longer than {limit:,} characters": "一行超过 {limit:,} 个字符",
    "cannot read this line as CSV ({error})": "这一行无法按 CSV 读取（{error}）",
    "not an .xlsx workbook ({error}): if it is CSV text, rename it to .csv; otherwise "
    "open it in Excel and save it again as .xlsx": (
        "不是 .xlsx 工作簿（{error}）：如果它其实是 CSV 文本，请把扩展名改为 .csv；"
        "否则请用 Excel 打开后重新保存为 .xlsx"
    ),
    "the workbook is damaged ({error}): open it in Excel and save it again": (
        "工作簿已损坏（{error}）：请用 Excel 打开后重新保存"
    ),
    "columns {first_letter} ({first}) and {letter} ({value}) are the same column; "
    "keep one of them": (
        "{first_letter} 列（{first}）与 {letter} 列（{value}）是同一列；请只保留其中一列"
    ),
    "{value!r} contains the control character {code}; remove it": (
        "{value!r} 含有控制字符 {code}；请删除"
    ),
    "{name} ({employee_no}) would be a second leader of {group}, which already has "
    "{leader} ({leader_no}); make one of them deputy or member in this file": (
        "{name}（{employee_no}）将成为 {group} 的第二位组长，该党小组已有组长 {leader}"
        "（{leader_no}）；请在文件中把其中一人改为副组长或组员"
    ),
    "{value!r} is not between {first} and {last}, the dates shiftcell accepts": (
        "{value!r} 不在 shiftcell 接受的日期范围 {first} 至 {last} 之内"
    ),
    "Up to {connections} connections, {per_address} from one address; a request must arrive within {seconds:g} s.": (
        "最多同时保持 {connections} 个连接，每个地址 {per_address} 个；每个请求须在 {seconds:g} 秒内送达。"
    ),
    "Connections held at once; the longest idle is closed to make room.": "同时保持的连接数上限；满额时先关闭空闲最久的连接。",
    "Connections held at once from one client address.": "来自同一客户端地址的连接数上限。",
}
