<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name></name>
    <message>
        <location filename="../../pmdesk/desktop/about.py" line="+18"/>
        <source>Run SPSS Modeler batch jobs (training, evaluation, batch scoring, auto-refresh, scripted runs) on a local or remote service.</source>
        <translation>在本機或遠端服務上執行 SPSS Modeler 批次工作（訓練、評估、批次評分、自動更新、腳本執行）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local service data: {path}</source>
        <translation>本機服務資料：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secrets: {where}</source>
        <translation>機密資料：{where}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Licensed under the Apache License 2.0.</source>
        <translation>以 Apache License 2.0 授權。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About PMDesk</source>
        <translation>關於 PMDesk</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/app.py" line="+95"/>
        <source>Something went wrong</source>
        <translation>發生問題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PMDesk met an unexpected problem and carried on: {problem}

Details are in {path}.</source>
        <translation>PMDesk 遇到未預期的問題，已繼續執行：{problem}

詳細資訊記錄於 {path}。</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/editor/connection_test.py" line="+27"/>
        <source>PMDesk cannot test {0} connections from the desktop.</source>
        <translation>PMDesk 無法從桌面測試 {0} 連線。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Install the Python package {0} to test {1} connections.</source>
        <translation>請安裝 Python 套件 {0}，才能測試 {1} 連線。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The SQLite file {0} does not exist.</source>
        <translation>SQLite 檔案 {0} 不存在。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The connection settings are not usable: {0}</source>
        <translation>連線設定無法使用：{0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not connect: {0}</source>
        <translation>無法連線：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to {0}.</source>
        <translation>已連線到 {0}。</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/editor/profiles.py" line="+107"/>
        <source>Give the profile a name.</source>
        <translation>請為設定檔命名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name may not start or end with a space.</source>
        <translation>名稱的開頭或結尾不可為空格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another profile is already called {0}.</source>
        <translation>已有另一個設定檔名為 {0}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a database type.</source>
        <translation>請選擇資料庫類型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the path of the SQLite database file.</source>
        <translation>請輸入 SQLite 資料庫檔案的路徑。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the database name.</source>
        <translation>請輸入資料庫名稱。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the host name of the database server.</source>
        <translation>請輸入資料庫伺服器的主機名稱。</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/editor/templates.py" line="+86"/>
        <source>Sample: {0} ({1})</source>
        <translation>範例：{0}（{1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample: {0}</source>
        <translation>範例：{0}</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/jobs_model.py" line="+30"/>
        <location filename="../../pmdesk/desktop/schedules_view.py" line="+54"/>
        <source>Job</source>
        <translation>工作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="+280"/>
        <source>Stream</source>
        <translation>串流</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../pmdesk/desktop/runs_view.py" line="+54"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../pmdesk/desktop/runs_view.py" line="-4"/>
        <location line="+4"/>
        <source>Submitted</source>
        <translation>提交時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>開始時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>完成時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../pmdesk/desktop/runs_view.py" line="+0"/>
        <source>Duration</source>
        <translation>耗時</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Runs on</source>
        <translation>執行位置</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This service</source>
        <translation>此服務</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../pmdesk/desktop/jobs_panel.py" line="+152"/>
        <source>Pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/jobs_panel.py" line="+1"/>
        <source>Running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceling</source>
        <translation>取消中</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/jobs_panel.py" line="+3"/>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/jobs_panel.py" line="-1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/jobs_panel.py" line="-1"/>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{done} of {total} rows ({percent}%)</source>
        <translation>{done} / {total} 列（{percent}%）</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+5"/>
        <source>{done} rows</source>
        <translation>{done} 列</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/jobs_panel.py" line="-17"/>
        <source>Table {table} of {where}, {mode}</source>
        <translation>{where} 的資料表 {table}，{mode}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>node {node}</source>
        <translation>節點 {node}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{rows} rows written.</source>
        <translation>已寫入 {rows} 列。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All jobs</source>
        <translation>所有工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>進行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished jobs</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+35"/>
        <location filename="../../pmdesk/desktop/main_window.py" line="+118"/>
        <source>Jobs</source>
        <translation>工作</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="-15"/>
        <location line="+198"/>
        <source>New job</source>
        <translation>新增工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Define and submit a new job (Ctrl+N)</source>
        <translation>定義並提交新工作（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/servers_dialog.py" line="+108"/>
        <location filename="../../pmdesk/desktop/settings_dialog.py" line="+62"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="-287"/>
        <location line="+45"/>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the selected running or pending jobs</source>
        <translation>取消選取的執行中或等待中工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/schedules_view.py" line="+163"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="+244"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected jobs from the server</source>
        <translation>從伺服器刪除選取的工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resubmit…</source>
        <translation>重新提交…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected job in the editor to run it again</source>
        <translation>在編輯器中開啟選取的工作以重新執行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Definition</source>
        <translation>定義</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected job&apos;s definition (passwords hidden)</source>
        <translation>顯示選取工作的定義（隱藏密碼）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results…</source>
        <translation>結果…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download and show the results of the selected job</source>
        <translation>下載並顯示選取工作的結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log…</source>
        <translation>記錄…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the log of the selected job, live while it runs</source>
        <translation>顯示選取工作的記錄，執行中即時更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate…</source>
        <translation>複製…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a copy of the selected job in the editor, under a new id</source>
        <translation>在編輯器中以新 ID 開啟選取工作的副本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show jobs with status</source>
        <translation>依狀態顯示工作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show jobs of action</source>
        <translation>依動作顯示工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All actions</source>
        <translation>所有動作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show jobs of stream</source>
        <translation>依串流顯示工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All streams</source>
        <translation>所有串流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show jobs submitted</source>
        <translation>依提交時間顯示工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>任何時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search jobs (Ctrl+F)</source>
        <translation>搜尋工作（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search jobs</source>
        <translation>搜尋工作</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Job actions</source>
        <translation>工作動作</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Job filters</source>
        <translation>工作篩選</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>{shown} of {total} jobs shown · {active} active</source>
        <translation>顯示 {shown} / {total} 個工作 · {active} 個進行中</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="-113"/>
        <source>Waiting for the server…</source>
        <translation>正在等待伺服器…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot load the jobs: {message}</source>
        <translation>無法載入工作：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading jobs…</source>
        <translation>正在載入工作…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No jobs yet. Select a stream and click “New job” to define one.</source>
        <translation>尚無工作。請選取一個串流，再按「新增工作」來定義工作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No job matches the filter.</source>
        <translation>沒有符合篩選條件的工作。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Cancel jobs?</source>
        <translation>要取消工作嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel these jobs? The server stops them; they stay in the list as Canceled, with their history:
{ids}</source>
        <translation>要取消這些工作嗎？伺服器會停止它們；它們會以「已取消」狀態連同歷程留在清單中：
{ids}</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>Job {job} failed</source>
        <translation>工作 {job} 失敗</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Delete jobs?</source>
        <translation>要刪除工作嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete these jobs and their results from the server? Running jobs are cancelled first:
{ids}</source>
        <translation>要從伺服器刪除這些工作及其結果嗎？執行中的工作會先被取消：
{ids}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cannot cancel</source>
        <translation>無法取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server cannot cancel a job and keep it; use Delete to stop and remove it.</source>
        <translation>此伺服器無法取消工作並保留它；請使用「刪除」來停止並移除它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some jobs were not canceled</source>
        <translation>部分工作未取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canceling {count} job(s)…</source>
        <translation>正在取消 {count} 個工作…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel failed</source>
        <translation>取消失敗</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Some jobs remain</source>
        <translation>部分工作仍存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server reported {count} of {asked} jobs deleted. These remain:
{list}</source>
        <translation>伺服器回報已刪除 {asked} 個工作中的 {count} 個。以下工作仍存在：
{list}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server reported {count} of {asked} jobs deleted.</source>
        <translation>伺服器回報已刪除 {asked} 個工作中的 {count} 個。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="+275"/>
        <location line="+9"/>
        <source>Delete failed</source>
        <translation>刪除失敗</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the job</source>
        <translation>無法讀取工作</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Definition of {job}</source>
        <translation>{job} 的定義</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Job definition (passwords hidden)</source>
        <translation>工作定義（隱藏密碼）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../pmdesk/desktop/log_view.py" line="+56"/>
        <location filename="../../pmdesk/desktop/results_view.py" line="+133"/>
        <location filename="../../pmdesk/desktop/versions_dialog.py" line="+56"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The server gave no reason.</source>
        <translation>伺服器未提供原因。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Results of {job} opened</source>
        <translation>已開啟 {job} 的結果</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Downloading the results of {job}…</source>
        <translation>正在下載 {job} 的結果…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open the results of {job}</source>
        <translation>無法開啟 {job} 的結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open the results</source>
        <translation>無法開啟結果</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/main_window.py" line="-49"/>
        <source>Retry now</source>
        <translation>立即重試</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit server…</source>
        <translation>編輯伺服器…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>關閉訊息</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/jobs_model.py" line="-158"/>
        <location filename="../../pmdesk/desktop/main_window.py" line="+7"/>
        <location filename="../../pmdesk/desktop/runs_view.py" line="+1"/>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/main_window.py" line="+41"/>
        <source>Job editor</source>
        <translation>工作編輯器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Streams</source>
        <translation>串流</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connection state</source>
        <translation>連線狀態</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not connected</source>
        <translation>未連線</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Upload streams…</source>
        <translation>上傳串流(&amp;U)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New job</source>
        <translation>新增工作(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Servers…</source>
        <translation>伺服器(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ettings…</source>
        <translation>設定(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About PMDesk</source>
        <translation>關於 PMDesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;jobs</source>
        <translation>顯示工作(&amp;J)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show job &amp;editor</source>
        <translation>顯示工作編輯器(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find jobs</source>
        <translation>搜尋工作(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Streams panel</source>
        <translation>串流面板(&amp;S)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Se&amp;rver</source>
        <translation>伺服器(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Database connections…</source>
        <translation>資料庫連線(&amp;D)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;sample files folder</source>
        <translation>開啟範例檔案資料夾(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample streams, database and job definitions of the local service</source>
        <translation>本機服務的範例串流、資料庫與工作定義</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Main toolbar</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server:</source>
        <translation>伺服器：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which server to work with</source>
        <translation>要使用的伺服器</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+105"/>
        <location filename="../../pmdesk/desktop/servers_dialog.py" line="+21"/>
        <source>Local (this computer)</source>
        <translation>本機（這台電腦）</translation>
    </message>
    <message>
        <location line="-77"/>
        <location filename="../../pmdesk/desktop/servers.py" line="+316"/>
        <source>Starting the local service…</source>
        <translation>正在啟動本機服務…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No access key for {name}</source>
        <translation>{name} 沒有存取金鑰</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no access key for “{name}” (it may have been kept only for an earlier session). Enter it in Servers….</source>
        <translation>「{name}」沒有存取金鑰（可能只保存在先前的工作階段中）。請在「伺服器…」中輸入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting to {name}…</source>
        <translation>正在連線到 {name}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connecting to the local service…</source>
        <translation>正在連線到本機服務…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Samples</source>
        <translation>範例</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The local service is not running</source>
        <translation>本機服務未執行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} refused the access key</source>
        <translation>{name} 拒絕了存取金鑰</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} refused the access key: {message}
Enter the right key for this server, then PMDesk connects again.</source>
        <translation>{name} 拒絕了存取金鑰：{message}
請輸入此伺服器正確的金鑰，PMDesk 會再次連線。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot reach {name}; retrying in {seconds} s</source>
        <translation>無法連線到 {name}；{seconds} 秒後重試</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} does not answer properly: {message}
PMDesk keeps trying; your work is not lost.</source>
        <translation>{name} 沒有正確回應：{message}
PMDesk 會持續重試，您的工作不會遺失。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connected to {name} ({url})</source>
        <translation>已連線到 {name}（{url}）</translation>
    </message>
    <message>
        <location line="+55"/>
        <location filename="../../pmdesk/desktop/settings_dialog.py" line="-18"/>
        <location line="+12"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language is used from the next start of PMDesk.</source>
        <translation>新語言將在下次啟動 PMDesk 時生效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>system keyring ({name})</source>
        <translation>系統金鑰圈（{name}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this session&apos;s memory (no system keyring)</source>
        <translation>僅存於本次工作階段的記憶體（無系統金鑰圈）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sample files</source>
        <translation>範例檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample files are written when the local service first starts (in {path}).</source>
        <translation>範例檔案會在本機服務第一次啟動時寫入（位於 {path}）。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Job {job} submitted</source>
        <translation>已提交工作 {job}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Job {job}: {state}</source>
        <translation>工作 {job}：{state}</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Jobs are still running</source>
        <translation>仍有工作在執行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} job(s) on the local service have not finished:
{ids}</source>
        <translation>本機服務上有 {count} 個工作尚未完成：
{ids}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local service can keep running in the background until they end, then stop by itself; PMDesk finds it again when you start it. Or stop the jobs now.</source>
        <translation>本機服務可以在背景繼續執行直到這些工作結束，然後自行停止；下次啟動 PMDesk 時會再找到它。或者現在就停止這些工作。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep running in the background</source>
        <translation>在背景繼續執行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the jobs and quit</source>
        <translation>停止工作並結束</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Canceling the running jobs before quitting…</source>
        <translation>結束前正在取消執行中的工作…</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Quit PMDesk?</source>
        <translation>要結束 PMDesk 嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads or downloads are still running; quitting cancels them. Quit?</source>
        <translation>仍有上傳或下載正在進行；結束會取消它們。要結束嗎？</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/results_view.py" line="-68"/>
        <source>{name} is not a readable image</source>
        <translation>{name} 不是可讀取的圖片</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Results of {job}</source>
        <translation>{job} 的結果</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Result files</source>
        <translation>結果檔案</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image</source>
        <translation>圖片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+83"/>
        <source>Open with system</source>
        <translation>以系統程式開啟</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Save zip…</source>
        <translation>儲存 zip…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder</source>
        <translation>開啟資料夾</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The job wrote its results to the database:</source>
        <translation>工作已將結果寫入資料庫：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job produced no files.</source>
        <translation>此工作沒有產生任何檔案。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{name} cannot be shown here: use “Open with system”.</source>
        <translation>無法在此顯示 {name}：請使用「以系統程式開啟」。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading {name}…</source>
        <translation>正在載入 {name}…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No program is set up to open {name}.</source>
        <translation>沒有設定可開啟 {name} 的程式。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save results as</source>
        <translation>結果另存為</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 壓縮檔 (*.zip)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save failed</source>
        <translation>儲存失敗</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/servers.py" line="-93"/>
        <source>Cannot prepare the local service folder {path}: {detail}</source>
        <translation>無法準備本機服務資料夾 {path}：{detail}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Connecting to the local service of your last session…</source>
        <translation>正在連線到上次工作階段的本機服務…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The local service of your last session is finishing its jobs; PMDesk starts a new one when it has stopped.</source>
        <translation>上次工作階段的本機服務正在完成它的工作；它停止後 PMDesk 會啟動新的服務。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The local service did not start in time.</source>
        <translation>本機服務未能及時啟動。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The local service stopped; restarting it in {seconds} s.</source>
        <translation>本機服務已停止；將在 {seconds} 秒後重新啟動。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The local service keeps stopping.</source>
        <translation>本機服務一再停止。</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>The local service could not be started: {detail}</source>
        <translation>無法啟動本機服務：{detail}</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/servers_dialog.py" line="-94"/>
        <source>Give the server&apos;s address, like https://server.example.com:8443</source>
        <translation>請輸入伺服器位址，例如 https://server.example.com:8443</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Servers</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server profiles</source>
        <translation>伺服器設定檔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile name</source>
        <translation>設定檔名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address</source>
        <translation>伺服器位址</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+21"/>
        <source>Access key</source>
        <translation>存取金鑰</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+79"/>
        <source>unchanged</source>
        <translation>未變更</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Access keys are stored in the system keyring.</source>
        <translation>存取金鑰儲存在系統金鑰圈中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No system keyring is available: access keys are kept only until PMDesk closes.</source>
        <translation>沒有可用的系統金鑰圈：存取金鑰只會保留到 PMDesk 關閉為止。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the server with this address and key whether it answers</source>
        <translation>以此位址與金鑰詢問伺服器是否回應</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connection test result</source>
        <translation>連線測試結果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>位址</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>started by PMDesk on this computer</source>
        <translation>由 PMDesk 在這台電腦上啟動</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every server needs a name.</source>
        <translation>每個伺服器都需要名稱。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name “{name}” is used twice.</source>
        <translation>名稱「{name}」重複使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: enter the access key.</source>
        <translation>{name}：請輸入存取金鑰。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Enter the access key first.</source>
        <translation>請先輸入存取金鑰。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The server answered and accepted the key.</source>
        <translation>伺服器已回應並接受金鑰。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Jobs run on a Dask cluster {where}</source>
        <translation>工作在 Dask 叢集 {where} 上執行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jobs run in worker processes of the service ({executor})</source>
        <translation>工作在服務的工作處理程序中執行（{executor}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+3"/>
        <source>{count} worker(s)</source>
        <translation>{count} 個工作處理程序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} job(s) running</source>
        <translation>{count} 個工作執行中</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/settings_dialog.py" line="-20"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Job status refresh interval in seconds</source>
        <translation>工作狀態更新間隔（秒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notify me when a job ends</source>
        <translation>工作結束時通知我</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new language takes effect when PMDesk restarts.</source>
        <translation>新語言會在 PMDesk 重新啟動後生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh job status every</source>
        <translation>工作狀態更新間隔</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="-504"/>
        <source>Drop to upload</source>
        <translation>放開以上傳</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+341"/>
        <location line="+7"/>
        <source>Upload streams</source>
        <translation>上傳串流</translation>
    </message>
    <message>
        <location line="-344"/>
        <source>Each stream is stored on the server under a file id, which job definitions use to refer to it. You can change the id.</source>
        <translation>每個串流會以檔案 ID 儲存在伺服器上，工作定義以此 ID 參照它。您可以修改 ID。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File id</source>
        <translation>檔案 ID</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File id for {name}</source>
        <translation>{name} 的檔案 ID</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Upload</source>
        <translation>上傳</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the same id is used twice</source>
        <translation>同一個 ID 使用了兩次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a valid id: {problem}</source>
        <translation>ID 無效：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A stream with this id exists and will be replaced.</source>
        <translation>已有使用此 ID 的串流，將會被取代。</translation>
    </message>
    <message>
        <location line="+63"/>
        <location line="+208"/>
        <source>Upload…</source>
        <translation>上傳…</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>Upload stream files to the server (Ctrl+U)</source>
        <translation>將串流檔案上傳到伺服器（Ctrl+U）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the selected stream to a file</source>
        <translation>將選取的串流儲存為檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected streams from the server</source>
        <translation>從伺服器刪除選取的串流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Define a job that runs the selected stream</source>
        <translation>定義執行選取串流的工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload the list (F5)</source>
        <translation>重新載入清單（F5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earlier versions of the selected stream (download, restore)</source>
        <translation>選取串流的較早版本（下載、還原）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Streams on the server</source>
        <translation>伺服器上的串流</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../pmdesk/desktop/versions_dialog.py" line="-8"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uploaded</source>
        <translation>上傳時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <location line="+61"/>
        <source>No streams yet: drop a Modeler stream here</source>
        <translation>尚無串流：請將 Modeler 串流拖放到這裡</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Stream details</source>
        <translation>串流詳細資訊</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+50"/>
        <source>Select a stream to see its nodes.</source>
        <translation>選取一個串流以查看其節點。</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Node</source>
        <translation>節點</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nodes of the stream</source>
        <translation>串流的節點</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+341"/>
        <location line="+16"/>
        <location line="+8"/>
        <source>Diagram</source>
        <translation>圖表</translation>
    </message>
    <message>
        <location line="-364"/>
        <source>Nodes</source>
        <translation>節點</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Could not list the streams: {message}</source>
        <translation>無法列出串流：{message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not list the streams</source>
        <translation>無法列出串流</translation>
    </message>
    <message>
        <location line="+80"/>
        <location filename="../../pmdesk/desktop/versions_dialog.py" line="+3"/>
        <source>Download…</source>
        <translation>下載…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions…</source>
        <translation>版本…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Modeler streams (*.str *.pmstream);;All files (*)</source>
        <translation>Modeler 串流 (*.str *.pmstream);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No server is connected yet; try again in a moment.</source>
        <translation>尚未連線到伺服器，請稍後再試。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Replace streams?</source>
        <translation>要取代串流嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These streams already exist on the server and will be replaced:
{ids}

Jobs that use them will run the new version. Replace them?</source>
        <translation>以下串流已存在於伺服器上，將會被取代：
{ids}

使用它們的工作將執行新版本。要取代嗎？</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Uploading {name}</source>
        <translation>正在上傳 {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Uploaded {name}</source>
        <translation>已上傳 {name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upload failed</source>
        <translation>上傳失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not upload {name}: {message}</source>
        <translation>無法上傳 {name}：{message}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upload of {name} cancelled</source>
        <translation>已取消上傳 {name}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Save stream as</source>
        <translation>串流另存為</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloading {name}</source>
        <translation>正在下載 {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved {name} to {path}</source>
        <translation>已將 {name} 儲存到 {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download failed</source>
        <translation>下載失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not download {name}: {message}</source>
        <translation>無法下載 {name}：{message}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete these streams from the server?
{ids}

Pending jobs that use them will fail.</source>
        <translation>要從伺服器刪除這些串流嗎？
{ids}

使用這些串流的等待中工作將會失敗。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Jobs waiting or running on them now: {jobs}</source>
        <translation>目前正在等待或執行、使用這些串流的工作：{jobs}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete streams?</source>
        <translation>要刪除串流嗎？</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Some streams could not be deleted:
{list}</source>
        <translation>部分串流無法刪除：
{list}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted {count} stream(s)</source>
        <translation>已刪除 {count} 個串流</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>scoring branch</source>
        <translation>評分分支</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stream diagram</source>
        <translation>串流圖</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit to view</source>
        <translation>符合視窗大小</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading {name}…</source>
        <translation>正在讀取 {name}…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot read this stream: {message}</source>
        <translation>無法讀取此串流：{message}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Process</source>
        <translation>處理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model builder</source>
        <translation>模型建構</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model nugget</source>
        <translation>模型塊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output / export</source>
        <translation>輸出／匯出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graph / report</source>
        <translation>圖形／報表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/util.py" line="+39"/>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/workers.py" line="+110"/>
        <source>Cannot reach the server: {detail}</source>
        <translation>無法連線到伺服器：{detail}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused the access key: {detail}</source>
        <translation>伺服器拒絕了存取金鑰：{detail}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not found on the server: {detail}</source>
        <translation>伺服器上找不到：{detail}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server reports a conflict: {detail}</source>
        <translation>伺服器回報衝突：{detail}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server had a problem: {detail}</source>
        <translation>伺服器發生問題：{detail}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No server is connected yet.</source>
        <translation>尚未連線到伺服器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File or network error: {detail}</source>
        <translation>檔案或網路錯誤：{detail}</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/log_view.py" line="-10"/>
        <source>Log of {job}</source>
        <translation>{job} 的記錄</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Job log</source>
        <translation>工作記錄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log state</source>
        <translation>記錄狀態</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This server keeps no job logs.</source>
        <translation>此伺服器不保留工作記錄。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job has not started yet; its log appears when it runs.</source>
        <translation>工作尚未開始；執行時會顯示記錄。</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+4"/>
        <source>Live: the job is running.</source>
        <translation>即時：工作執行中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job has ended.</source>
        <translation>工作已結束。</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/runs_view.py" line="-6"/>
        <source>Schedule {name}</source>
        <translation>排程 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run</source>
        <translation>執行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started by</source>
        <translation>啟動者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>列數</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Runs of job {job}</source>
        <translation>工作 {job} 的執行紀錄</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Runs</source>
        <translation>執行紀錄</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Log of the selected run</source>
        <translation>所選執行的記錄</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save results…</source>
        <translation>儲存結果…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../pmdesk/desktop/schedules_view.py" line="+1"/>
        <location filename="../../pmdesk/desktop/streams_panel.py" line="-246"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Skipped</source>
        <translation>已略過</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This job has no runs.</source>
        <translation>此工作沒有執行紀錄。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Save results</source>
        <translation>儲存結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip 檔案 (*.zip)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/schedules_view.py" line="-164"/>
        <source>Schedule</source>
        <translation>排程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time zone</source>
        <translation>時區</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+42"/>
        <source>Enabled</source>
        <translation>已啟用</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+45"/>
        <source>Next runs</source>
        <translation>下次執行</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Last run</source>
        <translation>上次執行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last state</source>
        <translation>上次狀態</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cron {expr}</source>
        <translation>cron {expr}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every {n} s</source>
        <translation>每 {n} 秒</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit schedule</source>
        <translation>編輯排程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New schedule</source>
        <translation>新增排程</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule name</source>
        <translation>排程名稱</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cron expression</source>
        <translation>Cron 運算式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>minute hour day-of-month month day-of-week, e.g. 0 2 * * * (every day at 02:00)</source>
        <translation>分 時 日 月 星期，例如 0 2 * * *（每天 02:00）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job:</source>
        <translation>工作：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs:</source>
        <translation>執行：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time zone:</source>
        <translation>時區：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next runs (local time):</source>
        <translation>下次執行（本地時間）：</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Give the schedule a name.</source>
        <translation>請為排程命名。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>none: the schedule is switched off</source>
        <translation>無：排程已停用</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+115"/>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+4"/>
        <source>Schedules</source>
        <translation>排程</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+50"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Enable</source>
        <translation>啟用</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No schedules yet: New… runs a job on a schedule.</source>
        <translation>尚無排程：「新增…」可依排程執行工作。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Delete schedule?</source>
        <translation>要刪除排程嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the schedule {name}? The job {job} and its runs stay.</source>
        <translation>要刪除排程 {name} 嗎？工作 {job} 及其執行紀錄會保留。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Select one job to see its runs</source>
        <translation>請選取一個工作以檢視其執行紀錄</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sc&amp;hedules…</source>
        <translation>排程(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run jobs on a schedule: create, edit, switch on and off</source>
        <translation>依排程執行工作：建立、編輯、啟用與停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run &amp;history…</source>
        <translation>執行紀錄(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every run of the selected job: state, duration, rows, log, results</source>
        <translation>所選工作的每次執行：狀態、耗時、列數、記錄、結果</translation>
    </message>
    <message>
        <location filename="../../pmdesk/desktop/versions_dialog.py" line="-8"/>
        <source>Versions of {name}</source>
        <translation>{name} 的版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Earlier versions</source>
        <translation>較早版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replaced</source>
        <translation>取代時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make this version the current stream again (the current one is kept as a version)</source>
        <translation>將此版本再設為目前的串流（目前的串流會保留為一個版本）</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>This server keeps no earlier versions of streams.</source>
        <translation>此伺服器不保留串流的較早版本。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} earlier version(s) kept.</source>
        <translation>保留了 {count} 個較早版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No earlier versions: the stream has not been replaced.</source>
        <translation>沒有較早版本：此串流尚未被取代。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save version as</source>
        <translation>另存版本</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved version {version} to {path}</source>
        <translation>已將版本 {version} 儲存到 {path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Restore this version?</source>
        <translation>要還原此版本嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make version {version} the current {name}? Jobs that start from now on run it; the current stream is kept as a version.</source>
        <translation>要將版本 {version} 設為目前的 {name} 嗎？此後開始的工作會執行它；目前的串流會保留為一個版本。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restored version {version} of {name}</source>
        <translation>已還原 {name} 的版本 {version}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore failed</source>
        <translation>還原失敗</translation>
    </message>
</context>
<context>
    <name>DefinitionTransfer</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/transfer.py" line="+48"/>
        <source>Import job definition</source>
        <translation>匯入工作定義</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job definitions (*.json *.txt);;All files (*)</source>
        <translation>工作定義 (*.json *.txt);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the file is larger than 10 MB</source>
        <translation>檔案大於 10 MB</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <location line="+6"/>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Cannot read {0}: {1}</source>
        <translation>無法讀取 {0}：{1}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} is not a job definition PMDesk can read: line {1}, column {2}: {3}</source>
        <translation>{0} 不是 PMDesk 能讀取的工作定義：第 {1} 行，第 {2} 欄：{3}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>The text</source>
        <translation>此文字</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{0} is JSON but not a valid job definition: {1}</source>
        <translation>{0} 是 JSON，但不是有效的工作定義：{1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Imported {0}.</source>
        <translation>已匯入 {0}。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Imported.</source>
        <translation>已匯入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file was not valid JSON; PMDesk repaired it:</source>
        <translation>檔案不是有效的 JSON；PMDesk 已修正：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Databases linked to your connection profiles: {0}.</source>
        <translation>已連結到您連線設定檔的資料庫：{0}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passwords in the file are not kept in the form.</source>
        <translation>檔案中的密碼不會保留在表單中。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>These databases match none of your connection profiles:
{0}

Create a profile for each (passwords in the file go to the system keyring)?</source>
        <translation>這些資料庫不符合您的任何連線設定檔：
{0}

要為每一個建立設定檔嗎（檔案中的密碼會存入系統金鑰圈）？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>These databases match none of your connection profiles:
{0}

Create a profile for each (passwords in the file are kept in memory until PMDesk closes: there is no system keyring)?</source>
        <translation>這些資料庫不符合您的任何連線設定檔：
{0}

要為每一個建立設定檔嗎（沒有系統金鑰圈，因此檔案中的密碼只會保留在記憶體中，直到 PMDesk 關閉）？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New database connections</source>
        <translation>新的資料庫連線</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create profiles</source>
        <translation>建立設定檔</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>line {0}: inserted a missing comma</source>
        <translation>第 {0} 行：補上遺漏的逗號</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line {0}: removed trailing comma</source>
        <translation>第 {0} 行：移除結尾多餘的逗號</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line {0}: replaced curly quotes with straight quotes</source>
        <translation>第 {0} 行：將彎引號改為直引號</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line {0}: replaced single quotes with double quotes</source>
        <translation>第 {0} 行：將單引號改為雙引號</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line {0}: &apos;{1}&apos; after a key replaced by &apos;:&apos;</source>
        <translation>第 {0} 行：將鍵後面的 &apos;{1}&apos; 改為 &apos;:&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>line {0}: &apos;{1}&apos; between items replaced by &apos;,&apos;</source>
        <translation>第 {0} 行：將項目之間的 &apos;{1}&apos; 改為 &apos;,&apos;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export job definition</source>
        <translation>匯出工作定義</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job definitions (*.json)</source>
        <translation>工作定義 (*.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write {0}: {1}</source>
        <translation>無法寫入 {0}：{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported to {0} (without passwords).</source>
        <translation>已匯出到 {0}（不含密碼）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Save as template...</source>
        <translation>另存為範本...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete template</source>
        <translation>刪除範本</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save as template</source>
        <translation>另存為範本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template name:</source>
        <translation>範本名稱：</translation>
    </message>
</context>
<context>
    <name>JobEditor</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/job_editor.py" line="+51"/>
        <source>Job editor</source>
        <translation>工作編輯器</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Only EVALUATION jobs produce reports.</source>
        <translation>只有 EVALUATION 工作會產生報告。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the stream {0}...</source>
        <translation>正在讀取串流 {0}...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This stream is not in the Streams panel&apos;s list; check the id or upload it.</source>
        <translation>此串流不在「串流」面板的清單中；請檢查 ID 或先上傳。</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+1"/>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The stream has a scoring branch.</source>
        <translation>來源節點：{0}。終端機節點：{1}。參數：{2} 個。此串流有評分分支。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The stream has no scoring branch.</source>
        <translation>來源節點：{0}。終端機節點：{1}。參數：{2} 個。此串流沒有評分分支。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PMDesk&apos;s engine cannot run these nodes of the stream, so jobs that need them fail:</source>
        <translation>PMDesk 的引擎無法執行此串流的下列節點，需要它們的工作會失敗：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• {0} ({1}): {2}</source>
        <translation>• {0}（{1}）：{2}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not read the stream, so its node names are not offered: {0}</source>
        <translation>無法讀取串流，因此無法提供節點名稱：{0}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Resubmit</source>
        <translation>重新提交(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resubmitting replaces the job {0} and runs it again.</source>
        <translation>重新提交會取代工作 {0} 並再次執行。</translation>
    </message>
</context>
<context>
    <name>JobForm</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/form.py" line="+209"/>
        <source>Import report</source>
        <translation>匯入報告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job editor views</source>
        <translation>工作編輯器檢視</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+331"/>
        <source>Report format</source>
        <translation>報告格式</translation>
    </message>
    <message>
        <location line="-330"/>
        <source>(choose a format)</source>
        <translation>（請選擇格式）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report &amp;format:</source>
        <translation>報告格式(&amp;F)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Form</source>
        <translation>表單</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+310"/>
        <source>Job id</source>
        <translation>工作 ID</translation>
    </message>
    <message>
        <location line="-309"/>
        <source>a name for this job, e.g. drug-scores</source>
        <translation>這個工作的名稱，例如 drug-scores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suggest</source>
        <translation>建議</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest a job id</source>
        <translation>建議工作 ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resubmit note</source>
        <translation>重新提交說明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Job id:</source>
        <translation>工作 ID(&amp;J)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+296"/>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <location line="-293"/>
        <source>What the action does</source>
        <translation>動作的用途</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Action:</source>
        <translation>動作(&amp;A)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+285"/>
        <source>Stream</source>
        <translation>串流</translation>
    </message>
    <message>
        <location line="-282"/>
        <source>the id of an uploaded stream</source>
        <translation>已上傳串流的 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stream details</source>
        <translation>串流詳細資訊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stream:</source>
        <translation>串流(&amp;S)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+274"/>
        <source>Result name</source>
        <translation>結果名稱</translation>
    </message>
    <message>
        <location line="-272"/>
        <source>optional: file name of the trained stream, e.g. stream1.str</source>
        <translation>選填：訓練後串流的檔名，例如 stream1.str</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Result name:</source>
        <translation>結果名稱(&amp;R)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name in the job (dbRef)</source>
        <translation>工作中的名稱 (dbRef)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name inputs and exports use to refer to this database</source>
        <translation>輸入與匯出用來參照此資料庫的名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection profile</source>
        <translation>連線設定檔</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+261"/>
        <source>Databases</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>&amp;Manage connections...</source>
        <translation>管理連線(&amp;M)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manage connection profiles</source>
        <translation>管理連線設定檔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add database</source>
        <translation>新增資料庫</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove database</source>
        <translation>移除資料庫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Databases:</source>
        <translation>資料庫(&amp;D)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source node</source>
        <translation>來源節點</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The source node of the stream this table replaces</source>
        <translation>此表格所取代的串流來源節點</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Database</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The table to read</source>
        <translation>要讀取的表格</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+246"/>
        <source>Inputs</source>
        <translation>輸入</translation>
    </message>
    <message>
        <location line="-244"/>
        <source>Add input</source>
        <translation>新增輸入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove input</source>
        <translation>移除輸入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Inputs:</source>
        <translation>輸入(&amp;I)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terminal node</source>
        <translation>終端機節點</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The terminal node of the stream this table replaces</source>
        <translation>此表格所取代的串流終端機節點</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The table to write</source>
        <translation>要寫入的表格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert mode</source>
        <translation>插入模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Append: add rows to an existing table. Create: make a new table (fails if it exists). Drop: replace the table. Refresh: empty the table, then add rows.</source>
        <translation>Append：在既有表格中新增列。Create：建立新表格（若已存在則失敗）。Drop：取代表格。Refresh：先清空表格，再新增列。</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+230"/>
        <source>Exports</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="-228"/>
        <source>Add export</source>
        <translation>新增匯出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove export</source>
        <translation>移除匯出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert modes</source>
        <translation>插入模式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submit checks each table first and says which mode fits.</source>
        <translation>提交前會先檢查每個表格，並說明適合的模式。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xports:</source>
        <translation>匯出(&amp;X)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter</source>
        <translation>參數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+215"/>
        <source>Parameter overrides</source>
        <translation>參數置換</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>Add parameter</source>
        <translation>新增參數</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove parameter</source>
        <translation>移除參數</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Parameter overrides:</source>
        <translation>參數置換(&amp;P)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What keeps the job from being submitted</source>
        <translation>無法提交工作的原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warnings about the stream</source>
        <translation>串流相關警告</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Submit result</source>
        <translation>提交結果</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Messages</source>
        <translation>訊息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;New</source>
        <translation>新增(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New job</source>
        <translation>新增工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import...</source>
        <translation>匯入(&amp;I)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a job definition</source>
        <translation>匯入工作定義</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport...</source>
        <translation>匯出(&amp;X)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the job definition</source>
        <translation>匯出工作定義</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Templates</source>
        <translation>範本(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Templates</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit the job</source>
        <translation>提交工作</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Not a profile: {0}</source>
        <translation>非設定檔：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(choose a profile)</source>
        <translation>（請選擇設定檔）</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Trains every model-building node; the results hold the stream with the newly trained models.</source>
        <translation>訓練所有模型建置節點；結果中包含具有新訓練模型的串流。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs the graphs, tables and analyses of the stream and returns their documents in one .zip, in the report format you choose.</source>
        <translation>執行串流中的圖形、表格及分析，並以您選擇的報告格式將文件打包成一個 .zip 傳回。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trains like TRAINING and, when that succeeds, replaces the stored stream with the retrained one.</source>
        <translation>與 TRAINING 一樣進行訓練，成功後以重新訓練的串流取代已儲存的串流。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads the input tables, runs the stream&apos;s scoring branch and writes the scores to the export tables.</source>
        <translation>讀取輸入表格，執行串流的評分分支，並將評分寫入匯出表格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs the stream&apos;s own script, as Modeler&apos;s Run button does; control it with parameter overrides.</source>
        <translation>如同 Modeler 的「執行」按鈕，執行串流本身的 Script；可用參數置換來控制。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Job definition</source>
        <translation>工作定義</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none yet</source>
        <translation>尚未定義</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the job a name (or press Suggest).</source>
        <translation>請為工作命名（或按「建議」）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the stream the job runs.</source>
        <translation>請選擇工作要執行的串流。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row {0}: give the database a name (dbRef).</source>
        <translation>第 {0} 列：請為資料庫命名 (dbRef)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row {0}: the name {1} is used twice.</source>
        <translation>第 {0} 列：名稱 {1} 重複使用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row {0}: the connection profile {1} no longer exists; choose another.</source>
        <translation>第 {0} 列：連線設定檔 {1} 已不存在；請選擇其他設定檔。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row {0}: choose a connection profile for {1}.</source>
        <translation>第 {0} 列：請為 {1} 選擇連線設定檔。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export {0}: choose an insert mode (Append, Create, Drop or Refresh).</source>
        <translation>匯出 {0}：請選擇插入模式（Append、Create、Drop 或 Refresh）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row {0}: give the parameter&apos;s name.</source>
        <translation>第 {0} 列：請輸入參數名稱。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input {0}: choose the source node it replaces.</source>
        <translation>輸入 {0}：請選擇它所取代的來源節點。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export {0}: choose the terminal node it replaces.</source>
        <translation>匯出 {0}：請選擇它所取代的終端機節點。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input {0}: give the table to read.</source>
        <translation>輸入 {0}：請輸入要讀取的表格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export {0}: give the table to write.</source>
        <translation>匯出 {0}：請輸入要寫入的表格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input {0}: choose its database (defined: {1}).</source>
        <translation>輸入 {0}：請選擇資料庫（已定義：{1}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export {0}: choose its database (defined: {1}).</source>
        <translation>匯出 {0}：請選擇資料庫（已定義：{1}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is not one of the databases above (defined: {1}).</source>
        <translation>{0} 不是上方的資料庫之一（已定義：{1}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BATCH_SCORE needs at least one input: press Add input.</source>
        <translation>BATCH_SCORE 至少需要一個輸入：請按「新增輸入」。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BATCH_SCORE needs at least one export: press Add export.</source>
        <translation>BATCH_SCORE 至少需要一個匯出：請按「新增匯出」。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EVALUATION needs a report format.</source>
        <translation>EVALUATION 需要報告格式。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To submit, fix:</source>
        <translation>提交前請修正：</translation>
    </message>
</context>
<context>
    <name>JsonTab</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/json_tab.py" line="+25"/>
        <source>This is the job definition Submit sends. Passwords, shown as ********, are read from the keyring (or asked for) only at the moment of sending.</source>
        <translation>這是「提交」會送出的工作定義。密碼以 ******** 顯示，只在送出的當下才從金鑰圈讀取（或詢問您）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Job definition JSON</source>
        <translation>工作定義 JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy JSON</source>
        <translation>複製 JSON(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy JSON</source>
        <translation>複製 JSON</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/password_prompt.py" line="+26"/>
        <location line="+1"/>
        <source>Database passwords</source>
        <translation>資料庫密碼</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keyring notice</source>
        <translation>金鑰圈通知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job needs these passwords to reach its databases. They are sent with this job only and kept in memory until PMDesk closes. Leave a field empty if that database needs no password.</source>
        <translation>工作需要這些密碼才能連到資料庫。密碼只會隨此工作送出，並保留在記憶體中直到 PMDesk 關閉。若資料庫不需要密碼，請將欄位留空。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Password for {0}</source>
        <translation>{0} 的密碼</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="+64"/>
        <location line="+1"/>
        <source>Database connections</source>
        <translation>資料庫連線</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No system keyring was found: passwords you enter are kept in memory only until PMDesk closes. After that, PMDesk asks for them when you submit a job.</source>
        <translation>找不到系統金鑰圈：您輸入的密碼只會保留在記憶體中，直到 PMDesk 關閉。之後提交工作時，PMDesk 會再詢問密碼。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keyring notice</source>
        <translation>金鑰圈通知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection profiles</source>
        <translation>連線設定檔</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New</source>
        <translation>新增(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New profile</source>
        <translation>新增設定檔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+297"/>
        <source>Delete profile</source>
        <translation>刪除設定檔</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>Profile name</source>
        <translation>設定檔名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database type</source>
        <translation>資料庫類型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Type:</source>
        <translation>類型(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation>主機</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host:</source>
        <translation>主機(&amp;H)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default</source>
        <translation>預設</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>埠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>埠(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse...</source>
        <translation>瀏覽(&amp;B)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for the SQLite file</source>
        <translation>瀏覽 SQLite 檔案</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+157"/>
        <source>&amp;Database:</source>
        <translation>資料庫(&amp;D)：</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>User name</source>
        <translation>使用者名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>使用者名稱(&amp;U)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>密碼(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save password in the system keyring</source>
        <translation>將密碼儲存在系統金鑰圈(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save password</source>
        <translation>儲存密碼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Security=SSL</source>
        <translation>例如 Security=SSL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Driver options</source>
        <translation>驅動程式選項</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Options:</source>
        <translation>選項(&amp;O)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Profile problem</source>
        <translation>設定檔問題</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+162"/>
        <source>&amp;Test connection</source>
        <translation>測試連線(&amp;T)</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sa&amp;ve profile</source>
        <translation>儲存設定檔(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save profile</source>
        <translation>儲存設定檔</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection test result</source>
        <translation>連線測試結果</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>&amp;Database file:</source>
        <translation>資料庫檔案(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>path of the .db file on the server</source>
        <translation>伺服器上 .db 檔案的路徑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job&apos;s server opens this file: give a path that exists on that machine.</source>
        <translation>執行工作的伺服器會開啟此檔案：請輸入該機器上存在的路徑。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leave the port at &quot;default&quot; to use {0}.</source>
        <translation>埠保留為「預設」即使用 {0}。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>saved; type to replace</source>
        <translation>已儲存；輸入即可取代</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not saved; asked for when a job is submitted</source>
        <translation>未儲存；提交工作時會詢問</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not used for SQLite</source>
        <translation>SQLite 不使用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test connection: not available for {0}</source>
        <translation>測試連線：不支援 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test connection: needs {0}</source>
        <translation>測試連線：需要 {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <source>SQLite database file</source>
        <translation>SQLite 資料庫檔案</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite 資料庫 (*.db *.sqlite *.sqlite3);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New connection</source>
        <translation>新連線</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved. No system keyring is available, so the password is kept only until PMDesk closes.</source>
        <translation>已儲存。沒有可用的系統金鑰圈，因此密碼只會保留到 PMDesk 關閉為止。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete the connection profile {0} and its saved password? Jobs already submitted are not affected.</source>
        <translation>要刪除連線設定檔 {0} 及其已儲存的密碼嗎？已提交的工作不受影響。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Unsaved profile</source>
        <translation>未儲存的設定檔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This connection profile cannot be saved: {0}

Discard your changes?</source>
        <translation>此連線設定檔無法儲存：{0}

要捨棄您的變更嗎？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Connecting...</source>
        <translation>正在連線...</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The connection test failed: {0}</source>
        <translation>連線測試失敗：{0}</translation>
    </message>
</context>
<context>
    <name>StreamDiagram</name>
    <message>
        <location filename="../../pmdesk/desktop/stream_diagram.py" line="+278"/>
        <source>Stream diagram</source>
        <translation>串流圖</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+34"/>
        <source>No stream selected</source>
        <translation>未選擇串流</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Empty stream</source>
        <translation>空的串流</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{name}: {nodes} nodes, {links} links</source>
        <translation>{name}：{nodes} 個節點、{links} 條連結</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; the scoring branch ends at {label}</source>
        <translation>；評分分支結束於 {label}</translation>
    </message>
</context>
<context>
    <name>SubmitFlow</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/submit.py" line="+82"/>
        <source>Check the stream</source>
        <translation>檢查串流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job does not match its stream:

{0}

Submit it anyway?</source>
        <translation>工作與其串流不符：

{0}

仍要提交嗎？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submit anyway</source>
        <translation>仍要提交</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{0} (profile {1})</source>
        <translation>{0}（設定檔 {1}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No system keyring is available on this computer, so PMDesk cannot save database passwords. What you type here is kept in memory until PMDesk closes.</source>
        <translation>這台電腦沒有可用的系統金鑰圈，因此 PMDesk 無法儲存資料庫密碼。您在此輸入的內容只會保留在記憶體中，直到 PMDesk 關閉。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Checking the export tables...</source>
        <translation>正在檢查匯出表格...</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Check the export tables</source>
        <translation>檢查匯出表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The insert mode does not fit the table:

{0}

Use the suggested insert modes and submit?</source>
        <translation>插入模式與表格不符：

{0}

要改用建議的插入模式並提交嗎？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use suggested modes</source>
        <translation>使用建議的模式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>• {0} in {1} exists (columns: {2}), so {3} would fail. Append adds the rows to it, Refresh replaces its rows, Drop replaces the table. Suggested: {4}.</source>
        <translation>• {1} 中已有表格 {0}（欄位：{2}），因此 {3} 會失敗。Append 會新增列，Refresh 會取代其中的列，Drop 會取代整個表格。建議：{4}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>• {0} does not exist in {1}, so {2} would fail: Append and Refresh need the table. Create or Drop make it. Suggested: {3}.</source>
        <translation>• {1} 中沒有表格 {0}，因此 {2} 會失敗：Append 和 Refresh 需要既有的表格，Create 或 Drop 會建立它。建議：{3}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Resubmit job</source>
        <translation>重新提交工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resubmit the job {0}? Its definition is replaced by this one and it runs again; results of its earlier run are discarded.</source>
        <translation>要重新提交工作 {0} 嗎？其定義會被取代並再次執行；先前執行的結果將被捨棄。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+51"/>
        <source>Resubmit</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Resubmitting {0}...</source>
        <translation>正在重新提交 {0}...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitting {0}...</source>
        <translation>正在提交 {0}...</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Job {0} was resubmitted and is queued to run again.</source>
        <translation>工作 {0} 已重新提交，正在排隊等待再次執行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job {0} was submitted and is queued to run.</source>
        <translation>工作 {0} 已提交，正在排隊等待執行。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Job id in use</source>
        <translation>工作 ID 已被使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A job called {0} already exists on the server. Resubmit it with this definition? It is replaced and runs again; results of its earlier run are discarded.</source>
        <translation>伺服器上已有名為 {0} 的工作。要以此定義重新提交嗎？它會被取代並再次執行；先前執行的結果將被捨棄。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The job was not submitted: {0}</source>
        <translation>工作未提交：{0}</translation>
    </message>
</context>
<context>
    <name>TableChoices</name>
    <message>
        <location filename="../../pmdesk/desktop/editor/table_choices.py" line="+58"/>
        <source>listing the tables...</source>
        <translation>正在列出資料表...</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no tables yet: type a name</source>
        <translation>尚無資料表：請輸入名稱</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The tables could not be listed from here: {0}</source>
        <translation>無法從這裡列出資料表：{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>type the table&apos;s name</source>
        <translation>請輸入資料表名稱</translation>
    </message>
</context>
</TS>
