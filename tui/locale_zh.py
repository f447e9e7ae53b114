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
    # -- group leaders over SSH ----------------------------------------------
    # (ssh strings go right below this line)
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
}
