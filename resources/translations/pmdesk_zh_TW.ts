<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
  <context>
    <name>pmdesk</name>
    <message>
      <location filename="../../pmdesk/desktop/about.py" line="29" />
      <source>About PMDesk</source>
      <translation>關於 PMDesk</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/about.py" line="23" />
      <source>Licensed under the Apache License 2.0.</source>
      <translation>以 Apache License 2.0 授權。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/about.py" line="21" />
      <source>Secrets: {where}</source>
      <translation>機密資料：{where}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/about.py" line="20" />
      <source>Local service data: {path}</source>
      <translation>本機服務資料：{path}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/about.py" line="18" />
      <source>Run SPSS Modeler batch jobs (training, evaluation, batch scoring, auto-refresh, scripted runs) on a local or remote service.</source>
      <translation>在本機或遠端服務上執行 SPSS Modeler 批次工作（訓練、評估、批次評分、自動更新、腳本執行）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/app.py" line="95" />
      <source>Something went wrong</source>
      <translation>發生問題</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/app.py" line="96" />
      <source>PMDesk met an unexpected problem and carried on: {problem}

Details are in {path}.</source>
      <translation>PMDesk 遇到未預期的問題，已繼續執行：{problem}

詳細資訊記錄於 {path}。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Job</source>
      <translation>工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Action</source>
      <translation>動作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Stream</source>
      <translation>串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Submitted</source>
      <translation>提交時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="31" />
      <source>Started</source>
      <translation>開始時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="31" />
      <source>Finished</source>
      <translation>完成時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="31" />
      <source>Duration</source>
      <translation>耗時</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="31" />
      <source>Progress</source>
      <translation>進度</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="31" />
      <source>Runs on</source>
      <translation>執行位置</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="32" />
      <source>Message</source>
      <translation>訊息</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="45" />
      <source>This service</source>
      <translation>此服務</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="56" />
      <source>Pending</source>
      <translation>等待中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="57" />
      <source>Running</source>
      <translation>執行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="58" />
      <source>Canceling</source>
      <translation>取消中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="59" />
      <source>Canceled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="60" />
      <source>Failed</source>
      <translation>失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="61" />
      <source>Success</source>
      <translation>成功</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="118" />
      <source>{done} rows</source>
      <translation>{done} 列</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="115" />
      <source>{done} of {total} rows ({percent}%)</source>
      <translation>{done} / {total} 列（{percent}%）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="190" />
      <source>Unknown</source>
      <translation>未知</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="149" />
      <source>All jobs</source>
      <translation>所有工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="150" />
      <source>Active</source>
      <translation>進行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="151" />
      <source>Finished jobs</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="186" />
      <source>Jobs</source>
      <translation>工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="210" />
      <source>New job</source>
      <translation>新增工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="211" />
      <source>Define and submit a new job (Ctrl+N)</source>
      <translation>定義並提交新工作（Ctrl+N）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="212" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="213" />
      <source>Cancel the selected running or pending jobs</source>
      <translation>取消選取的執行中或等待中工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="214" />
      <source>Delete</source>
      <translation>刪除</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="215" />
      <source>Delete the selected jobs from the server</source>
      <translation>從伺服器刪除選取的工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="216" />
      <source>Resubmit…</source>
      <translation>重新提交…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="217" />
      <source>Open the selected job in the editor to run it again</source>
      <translation>在編輯器中開啟選取的工作以重新執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="219" />
      <source>Definition</source>
      <translation>定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="220" />
      <source>Show the selected job's definition (passwords hidden)</source>
      <translation>顯示選取工作的定義（隱藏密碼）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="222" />
      <source>Results…</source>
      <translation>結果…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="223" />
      <source>Download and show the results of the selected job</source>
      <translation>下載並顯示選取工作的結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="225" />
      <source>Log…</source>
      <translation>記錄…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="226" />
      <source>Show the log of the selected job, live while it runs</source>
      <translation>顯示選取工作的記錄，執行中即時更新</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="228" />
      <source>Duplicate…</source>
      <translation>複製…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="229" />
      <source>Open a copy of the selected job in the editor, under a new id</source>
      <translation>在編輯器中以新 ID 開啟選取工作的副本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="232" />
      <source>Show jobs with status</source>
      <translation>依狀態顯示工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="236" />
      <source>Show jobs of action</source>
      <translation>依動作顯示工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="237" />
      <source>All actions</source>
      <translation>所有動作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="241" />
      <source>Show jobs of stream</source>
      <translation>依串流顯示工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="242" />
      <source>All streams</source>
      <translation>所有串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="244" />
      <source>Show jobs submitted</source>
      <translation>依提交時間顯示工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="249" />
      <source>Search jobs (Ctrl+F)</source>
      <translation>搜尋工作（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="250" />
      <source>Search jobs</source>
      <translation>搜尋工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="257" />
      <source>Job actions</source>
      <translation>工作動作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="271" />
      <source>Job filters</source>
      <translation>工作篩選</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="442" />
      <source>Waiting for the server…</source>
      <translation>正在等待伺服器…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="503" />
      <source>Cancel jobs?</source>
      <translation>要取消工作嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="504" />
      <source>Cancel these jobs? The server stops them; they stay in the list as Canceled, with their history:
{ids}</source>
      <translation>要取消這些工作嗎？伺服器會停止它們；它們會以「已取消」狀態連同歷程留在清單中：
{ids}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="507" />
      <source>Delete jobs?</source>
      <translation>要刪除工作嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="508" />
      <source>Delete these jobs and their results from the server? Running jobs are cancelled first:
{ids}</source>
      <translation>要從伺服器刪除這些工作及其結果嗎？執行中的工作會先被取消：
{ids}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="680" />
      <source>Job definition (passwords hidden)</source>
      <translation>工作定義（隱藏密碼）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="684" />
      <source>Close</source>
      <translation>關閉</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="137" />
      <source>Table {table} of {where}, {mode}</source>
      <translation>{where} 的資料表 {table}，{mode}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="245" />
      <source>Any time</source>
      <translation>任何時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="245" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="245" />
      <source>Last 7 days</source>
      <translation>最近 7 天</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="246" />
      <source>Last 30 days</source>
      <translation>最近 30 天</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="756" />
      <source>Cannot open the results</source>
      <translation>無法開啟結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="143" />
      <source>{rows} rows written.</source>
      <translation>已寫入 {rows} 列。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="439" />
      <source>{shown} of {total} jobs shown · {active} active</source>
      <translation>顯示 {shown} / {total} 個工作 · {active} 個進行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="446" />
      <source>Loading jobs…</source>
      <translation>正在載入工作…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="547" />
      <source>Cannot cancel</source>
      <translation>無法取消</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="548" />
      <source>This server cannot cancel a job and keep it; use Delete to stop and remove it.</source>
      <translation>此伺服器無法取消工作並保留它；請使用「刪除」來停止並移除它。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="605" />
      <source>Some jobs remain</source>
      <translation>部分工作仍存在</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="676" />
      <source>Definition of {job}</source>
      <translation>{job} 的定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="752" />
      <source>Downloading the results of {job}…</source>
      <translation>正在下載 {job} 的結果…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="140" />
      <source>node {node}</source>
      <translation>節點 {node}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="444" />
      <source>Cannot load the jobs: {message}</source>
      <translation>無法載入工作：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="448" />
      <source>No jobs yet. Select a stream and click “New job” to define one.</source>
      <translation>尚無工作。請選取一個串流，再按「新增工作」來定義工作。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="551" />
      <source>Some jobs were not canceled</source>
      <translation>部分工作未取消</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="558" />
      <source>Cancel failed</source>
      <translation>取消失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="609" />
      <source>The server reported {count} of {asked} jobs deleted.</source>
      <translation>伺服器回報已刪除 {asked} 個工作中的 {count} 個。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="614" />
      <source>Delete failed</source>
      <translation>刪除失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="624" />
      <source>Cannot read the job</source>
      <translation>無法讀取工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="702" />
      <source>The server gave no reason.</source>
      <translation>伺服器未提供原因。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="744" />
      <source>Results of {job} opened</source>
      <translation>已開啟 {job} 的結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="754" />
      <source>Cannot open the results of {job}</source>
      <translation>無法開啟 {job} 的結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="450" />
      <source>No job matches the filter.</source>
      <translation>沒有符合篩選條件的工作。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="553" />
      <source>Canceling {count} job(s)…</source>
      <translation>正在取消 {count} 個工作…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="606" />
      <source>The server reported {count} of {asked} jobs deleted. These remain:
{list}</source>
      <translation>伺服器回報已刪除 {asked} 個工作中的 {count} 個。以下工作仍存在：
{list}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="700" />
      <source>Job {job} failed</source>
      <translation>工作 {job} 失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="51" />
      <source>Job log</source>
      <translation>工作記錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="53" />
      <source>Log state</source>
      <translation>記錄狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="45" />
      <source>Log of {job}</source>
      <translation>{job} 的記錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="99" />
      <source>This server keeps no job logs.</source>
      <translation>此伺服器不保留工作記錄。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="102" />
      <source>The job has not started yet; its log appears when it runs.</source>
      <translation>工作尚未開始；執行時會顯示記錄。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="122" />
      <source>Live: the job is running.</source>
      <translation>即時：工作執行中。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/log_view.py" line="127" />
      <source>The job has ended.</source>
      <translation>工作已結束。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="66" />
      <source>Retry now</source>
      <translation>立即重試</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="67" />
      <source>Edit server…</source>
      <translation>編輯伺服器…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="69" />
      <source>Dismiss</source>
      <translation>關閉訊息</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="114" />
      <source>Job editor</source>
      <translation>工作編輯器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="124" />
      <source>Streams</source>
      <translation>串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="135" />
      <source>Connection state</source>
      <translation>連線狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="158" />
      <source>Not connected</source>
      <translation>未連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="191" />
      <source>&amp;Upload streams…</source>
      <translation>上傳串流(&amp;U)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="193" />
      <source>&amp;New job</source>
      <translation>新增工作(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="195" />
      <source>&amp;Refresh</source>
      <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="197" />
      <source>&amp;Quit</source>
      <translation>結束(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="199" />
      <source>&amp;Servers…</source>
      <translation>伺服器(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="200" />
      <source>S&amp;ettings…</source>
      <translation>設定(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="202" />
      <source>&amp;About PMDesk</source>
      <translation>關於 PMDesk(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="203" />
      <source>Show &amp;jobs</source>
      <translation>顯示工作(&amp;J)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="205" />
      <source>Show job &amp;editor</source>
      <translation>顯示工作編輯器(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="207" />
      <source>&amp;Find jobs</source>
      <translation>搜尋工作(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="213" />
      <source>&amp;File</source>
      <translation>檔案(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="220" />
      <source>&amp;View</source>
      <translation>檢視(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="222" />
      <source>&amp;Streams panel</source>
      <translation>串流面板(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="229" />
      <source>Se&amp;rver</source>
      <translation>伺服器(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="231" />
      <source>&amp;Database connections…</source>
      <translation>資料庫連線(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="237" />
      <source>&amp;Help</source>
      <translation>說明(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="238" />
      <source>Open the &amp;sample files folder</source>
      <translation>開啟範例檔案資料夾(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="246" />
      <source>Main toolbar</source>
      <translation>主工具列</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="252" />
      <source>Server</source>
      <translation>伺服器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="253" />
      <source>Which server to work with</source>
      <translation>要使用的伺服器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="354" />
      <source>Local (this computer)</source>
      <translation>本機（這台電腦）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="421" />
      <source>this session's memory (no system keyring)</source>
      <translation>僅存於本次工作階段的記憶體（無系統金鑰圈）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="542" />
      <source>Jobs are still running</source>
      <translation>仍有工作在執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="545" />
      <source>The local service can keep running in the background until they end, then stop by itself; PMDesk finds it again when you start it. Or stop the jobs now.</source>
      <translation>本機服務可以在背景繼續執行直到這些工作結束，然後自行停止；下次啟動 PMDesk 時會再找到它。或者現在就停止這些工作。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="548" />
      <source>Keep running in the background</source>
      <translation>在背景繼續執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="550" />
      <source>Stop the jobs and quit</source>
      <translation>停止工作並結束</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="240" />
      <source>Sample streams, database and job definitions of the local service</source>
      <translation>本機服務的範例串流、資料庫與工作定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="299" />
      <source>Starting the local service…</source>
      <translation>正在啟動本機服務…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="318" />
      <source>Connecting to the local service…</source>
      <translation>正在連線到本機服務…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="323" />
      <source>The local service is not running</source>
      <translation>本機服務未執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="427" />
      <source>Sample files</source>
      <translation>範例檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="470" />
      <source>Job {job}: {state}</source>
      <translation>工作 {job}：{state}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="598" />
      <source>Quit PMDesk?</source>
      <translation>要結束 PMDesk 嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="599" />
      <source>Uploads or downloads are still running; quitting cancels them. Quit?</source>
      <translation>仍有上傳或下載正在進行；結束會取消它們。要結束嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="171" />
      <source>The job editor is not available in this build.</source>
      <translation>此版本未包含工作編輯器。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="311" />
      <source>Connecting to {name}…</source>
      <translation>正在連線到 {name}…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="339" />
      <source>Cannot reach {name}; retrying in {seconds} s</source>
      <translation>無法連線到 {name}；{seconds} 秒後重試</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="341" />
      <source>{name} does not answer properly: {message}
PMDesk keeps trying; your work is not lost.</source>
      <translation>{name} 沒有正確回應：{message}
PMDesk 會持續重試，您的工作不會遺失。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="402" />
      <source>Language</source>
      <translation>語言</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="403" />
      <source>The new language is used from the next start of PMDesk.</source>
      <translation>新語言將在下次啟動 PMDesk 時生效。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="412" />
      <source>Database connections</source>
      <translation>資料庫連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="413" />
      <source>Database connection profiles are not available in this build.</source>
      <translation>此版本未包含資料庫連線設定檔。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="419" />
      <source>system keyring ({name})</source>
      <translation>系統金鑰圈（{name}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="461" />
      <source>Job {job} submitted</source>
      <translation>已提交工作 {job}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="543" />
      <source>{count} job(s) on the local service have not finished:
{ids}</source>
      <translation>本機服務上有 {count} 個工作尚未完成：
{ids}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="250" />
      <source>Server:</source>
      <translation>伺服器：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="306" />
      <source>No access key for {name}</source>
      <translation>{name} 沒有存取金鑰</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="308" />
      <source>There is no access key for “{name}” (it may have been kept only for an earlier session). Enter it in Servers….</source>
      <translation>「{name}」沒有存取金鑰（可能只保存在先前的工作階段中）。請在「伺服器…」中輸入。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="332" />
      <source>{name} refused the access key</source>
      <translation>{name} 拒絕了存取金鑰</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="335" />
      <source>{name} refused the access key: {message}
Enter the right key for this server, then PMDesk connects again.</source>
      <translation>{name} 拒絕了存取金鑰：{message}
請輸入此伺服器正確的金鑰，PMDesk 會再次連線。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="347" />
      <source>Connected to {name} ({url})</source>
      <translation>已連線到 {name}（{url}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="428" />
      <source>The sample files are written when the local service first starts (in {path}).</source>
      <translation>範例檔案會在本機服務第一次啟動時寫入（位於 {path}）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="96" />
      <source>Result files</source>
      <translation>結果檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="108" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="111" />
      <source>Image</source>
      <translation>圖片</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="116" />
      <source>Table</source>
      <translation>表格</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="128" />
      <source>Open with system</source>
      <translation>以系統程式開啟</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="129" />
      <source>Save zip…</source>
      <translation>儲存 zip…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="130" />
      <source>Open folder</source>
      <translation>開啟資料夾</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="216" />
      <source>Save results as</source>
      <translation>結果另存為</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="218" />
      <source>Zip archives (*.zip)</source>
      <translation>Zip 壓縮檔 (*.zip)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="88" />
      <source>Results of {job}</source>
      <translation>{job} 的結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="155" />
      <source>The job produced no files.</source>
      <translation>此工作沒有產生任何檔案。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="180" />
      <source>Loading {name}…</source>
      <translation>正在載入 {name}…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="65" />
      <source>{name} is not a readable image</source>
      <translation>{name} 不是可讀取的圖片</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="175" />
      <source>{name} cannot be shown here: use “Open with system”.</source>
      <translation>無法在此顯示 {name}：請使用「以系統程式開啟」。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="212" />
      <source>No program is set up to open {name}.</source>
      <translation>沒有設定可開啟 {name} 的程式。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="223" />
      <source>Save failed</source>
      <translation>儲存失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="152" />
      <source>The job wrote its results to the database:</source>
      <translation>工作已將結果寫入資料庫：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="54" />
      <source>Run</source>
      <translation>執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="54" />
      <source>Started by</source>
      <translation>啟動者</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="55" />
      <source>Rows</source>
      <translation>列數</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="74" />
      <source>Runs</source>
      <translation>執行紀錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="85" />
      <source>Log of the selected run</source>
      <translation>所選執行的記錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="89" />
      <source>Save results…</source>
      <translation>儲存結果…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="92" />
      <source>Refresh</source>
      <translation>重新整理</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="49" />
      <source>Schedule {name}</source>
      <translation>排程 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="156" />
      <source>Skipped</source>
      <translation>已略過</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="170" />
      <source>This job has no runs.</source>
      <translation>此工作沒有執行紀錄。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="213" />
      <source>Save results</source>
      <translation>儲存結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="214" />
      <source>Zip files (*.zip)</source>
      <translation>Zip 檔案 (*.zip)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="69" />
      <source>Runs of job {job}</source>
      <translation>工作 {job} 的執行紀錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="226" />
      <source>Saved {path}</source>
      <translation>已儲存 {path}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>Schedule</source>
      <translation>排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>When</source>
      <translation>時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>Time zone</source>
      <translation>時區</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>Enabled</source>
      <translation>已啟用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="55" />
      <source>Next runs</source>
      <translation>下次執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="55" />
      <source>Last run</source>
      <translation>上次執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="55" />
      <source>Last state</source>
      <translation>上次狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="419" />
      <source>Sc&amp;hedules…</source>
      <translation>排程(&amp;H)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="420" />
      <source>Run jobs on a schedule: create, edit, switch on and off</source>
      <translation>依排程執行工作：建立、編輯、啟用與停用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="422" />
      <source>Run &amp;history…</source>
      <translation>執行紀錄(&amp;H)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="424" />
      <source>Every run of the selected job: state, duration, rows, log, results</source>
      <translation>所選工作的每次執行：狀態、耗時、列數、記錄、結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="61" />
      <source>every {n} s</source>
      <translation>每 {n} 秒</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="73" />
      <source>Schedule name</source>
      <translation>排程名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="78" />
      <source>Cron expression</source>
      <translation>Cron 運算式</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="79" />
      <source>Every</source>
      <translation>每隔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="84" />
      <source>minute hour day-of-month month day-of-week, e.g. 0 2 * * * (every day at 02:00)</source>
      <translation>分 時 日 月 星期，例如 0 2 * * *（每天 02:00）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="88" />
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="113" />
      <source>Name:</source>
      <translation>名稱：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="114" />
      <source>Job:</source>
      <translation>工作：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="115" />
      <source>Runs:</source>
      <translation>執行：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="117" />
      <source>Time zone:</source>
      <translation>時區：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="119" />
      <source>Next runs (local time):</source>
      <translation>下次執行（本地時間）：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="150" />
      <source>Give the schedule a name.</source>
      <translation>請為排程命名。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="198" />
      <source>Schedules</source>
      <translation>排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="214" />
      <source>New…</source>
      <translation>新增…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="215" />
      <source>Edit…</source>
      <translation>編輯…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="216" />
      <source>Disable</source>
      <translation>停用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="407" />
      <source>Select one job to see its runs</source>
      <translation>請選取一個工作以檢視其執行紀錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="60" />
      <source>cron {expr}</source>
      <translation>cron {expr}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="70" />
      <source>Edit schedule</source>
      <translation>編輯排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="70" />
      <source>New schedule</source>
      <translation>新增排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="170" />
      <source>none: the schedule is switched off</source>
      <translation>無：排程已停用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="174" />
      <source>none</source>
      <translation>無</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="265" />
      <source>Enable</source>
      <translation>啟用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="300" />
      <source>No schedules yet: New… runs a job on a schedule.</source>
      <translation>尚無排程：「新增…」可依排程執行工作。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="364" />
      <source>Delete schedule?</source>
      <translation>要刪除排程嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="288" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="288" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="365" />
      <source>Delete the schedule {name}? The job {job} and its runs stay.</source>
      <translation>要刪除排程 {name} 嗎？工作 {job} 及其執行紀錄會保留。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="252" />
      <source>Connecting to the local service of your last session…</source>
      <translation>正在連線到上次工作階段的本機服務…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="290" />
      <source>The local service of your last session is finishing its jobs; PMDesk starts a new one when it has stopped.</source>
      <translation>上次工作階段的本機服務正在完成它的工作；它停止後 PMDesk 會啟動新的服務。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="421" />
      <source>The local service keeps stopping.</source>
      <translation>本機服務一再停止。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="223" />
      <source>Cannot prepare the local service folder {path}: {detail}</source>
      <translation>無法準備本機服務資料夾 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="326" />
      <source>The local service could not be started: {detail}</source>
      <translation>無法啟動本機服務：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="370" />
      <source>The local service did not start in time.</source>
      <translation>本機服務未能及時啟動。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="417" />
      <source>The local service stopped; restarting it in {seconds} s.</source>
      <translation>本機服務已停止；將在 {seconds} 秒後重新啟動。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="35" />
      <source>Give the server's address, like https://server.example.com:8443</source>
      <translation>請輸入伺服器位址，例如 https://server.example.com:8443</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="49" />
      <source>Servers</source>
      <translation>伺服器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="58" />
      <source>Server profiles</source>
      <translation>伺服器設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="59" />
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="60" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="62" />
      <source>Profile name</source>
      <translation>設定檔名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="64" />
      <source>Server address</source>
      <translation>伺服器位址</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="68" />
      <source>Access key</source>
      <translation>存取金鑰</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="69" />
      <source>unchanged</source>
      <translation>未變更</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="73" />
      <source>Access keys are stored in the system keyring.</source>
      <translation>存取金鑰儲存在系統金鑰圈中。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="74" />
      <source>No system keyring is available: access keys are kept only until PMDesk closes.</source>
      <translation>沒有可用的系統金鑰圈：存取金鑰只會保留到 PMDesk 關閉為止。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="78" />
      <source>Test connection</source>
      <translation>測試連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="79" />
      <source>Ask the server with this address and key whether it answers</source>
      <translation>以此位址與金鑰詢問伺服器是否回應</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="83" />
      <source>Connection test result</source>
      <translation>連線測試結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="87" />
      <source>Name</source>
      <translation>名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="88" />
      <source>Address</source>
      <translation>位址</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="107" />
      <source>Save</source>
      <translation>儲存</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="212" />
      <source>Testing…</source>
      <translation>測試中…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="228" />
      <source>The server answered and accepted the key.</source>
      <translation>伺服器已回應並接受金鑰。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="144" />
      <source>started by PMDesk on this computer</source>
      <translation>由 PMDesk 在這台電腦上啟動</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="179" />
      <source>Every server needs a name.</source>
      <translation>每個伺服器都需要名稱。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="166" />
      <source>(unnamed)</source>
      <translation>（未命名）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="307" />
      <source>{count} job(s) running</source>
      <translation>{count} 個工作執行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="209" />
      <source>Enter the access key first.</source>
      <translation>請先輸入存取金鑰。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="294" />
      <source>Jobs run in worker processes of the service ({executor})</source>
      <translation>工作在服務的工作處理程序中執行（{executor}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="302" />
      <source>{count} worker(s)</source>
      <translation>{count} 個工作處理程序</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="181" />
      <source>The name “{name}” is used twice.</source>
      <translation>名稱「{name}」重複使用。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="292" />
      <source>Jobs run on a Dask cluster {where}</source>
      <translation>工作在 Dask 叢集 {where} 上執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="185" />
      <source>{name}: enter the access key.</source>
      <translation>{name}：請輸入存取金鑰。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="36" />
      <source>Settings</source>
      <translation>設定</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="42" />
      <source>Job status refresh interval in seconds</source>
      <translation>工作狀態更新間隔（秒）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="45" />
      <source>System default</source>
      <translation>系統預設</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="50" />
      <source>Notify me when a job ends</source>
      <translation>工作結束時通知我</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="52" />
      <source>A new language takes effect when PMDesk restarts.</source>
      <translation>新語言會在 PMDesk 重新啟動後生效。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="55" />
      <source>Refresh job status every</source>
      <translation>工作狀態更新間隔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="61" />
      <source>OK</source>
      <translation>確定</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="278" />
      <source>No streams yet: drop a Modeler stream here</source>
      <translation>尚無串流：請將 Modeler 串流拖放到這裡</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="722" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="142" />
      <source>Upload streams</source>
      <translation>上傳串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="146" />
      <source>Each stream is stored on the server under a file id, which job definitions use to refer to it. You can change the id.</source>
      <translation>每個串流會以檔案 ID 儲存在伺服器上，工作定義以此 ID 參照它。您可以修改 ID。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="173" />
      <source>Upload</source>
      <translation>上傳</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="256" />
      <source>Upload…</source>
      <translation>上傳…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="257" />
      <source>Upload stream files to the server (Ctrl+U)</source>
      <translation>將串流檔案上傳到伺服器（Ctrl+U）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="259" />
      <source>Save the selected stream to a file</source>
      <translation>將選取的串流儲存為檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="261" />
      <source>Delete the selected streams from the server</source>
      <translation>從伺服器刪除選取的串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="263" />
      <source>Define a job that runs the selected stream</source>
      <translation>定義執行選取串流的工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="264" />
      <source>Reload the list (F5)</source>
      <translation>重新載入清單（F5）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="266" />
      <source>Earlier versions of the selected stream (download, restore)</source>
      <translation>選取串流的較早版本（下載、還原）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="276" />
      <source>Streams on the server</source>
      <translation>伺服器上的串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="294" />
      <source>Stream details</source>
      <translation>串流詳細資訊</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="295" />
      <source>Select a stream to see its nodes.</source>
      <translation>選取一個串流以查看其節點。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="301" />
      <source>Nodes of the stream</source>
      <translation>串流的節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="303" />
      <source>Diagram</source>
      <translation>圖表</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="304" />
      <source>Nodes</source>
      <translation>節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="484" />
      <source>Modeler streams (*.str *.pmstream);;All files (*)</source>
      <translation>Modeler 串流 (*.str *.pmstream);;所有檔案 (*)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="573" />
      <source>Save stream as</source>
      <translation>串流另存為</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="608" />
      <source>Delete streams?</source>
      <translation>要刪除串流嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="131" />
      <source>Drop to upload</source>
      <translation>放開以上傳</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="187" />
      <source>the same id is used twice</source>
      <translation>同一個 ID 使用了兩次</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="277" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="277" />
      <source>Uploaded</source>
      <translation>上傳時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="299" />
      <source>Node</source>
      <translation>節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="299" />
      <source>Kind</source>
      <translation>類型</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="380" />
      <source>Could not list the streams</source>
      <translation>無法列出串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="462" />
      <source>Download…</source>
      <translation>下載…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="463" />
      <source>Versions…</source>
      <translation>版本…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="491" />
      <source>No server is connected yet; try again in a moment.</source>
      <translation>尚未連線到伺服器，請稍後再試。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="510" />
      <source>Replace streams?</source>
      <translation>要取代串流嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="541" />
      <source>Upload failed</source>
      <translation>上傳失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="601" />
      <source>Delete these streams from the server?
{ids}

Pending jobs that use them will fail.</source>
      <translation>要從伺服器刪除這些串流嗎？
{ids}

使用這些串流的等待中工作將會失敗。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="665" />
      <source>Stream diagram</source>
      <translation>串流圖</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="716" />
      <source>Source</source>
      <translation>來源</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="717" />
      <source>Process</source>
      <translation>處理</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="718" />
      <source>Model builder</source>
      <translation>模型建構</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="719" />
      <source>Model nugget</source>
      <translation>模型塊</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="720" />
      <source>Output / export</source>
      <translation>輸出／匯出</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="721" />
      <source>Graph / report</source>
      <translation>圖形／報表</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="377" />
      <source>Could not list the streams: {message}</source>
      <translation>無法列出串流：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="530" />
      <source>Uploading {name}</source>
      <translation>正在上傳 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="587" />
      <source>Downloading {name}</source>
      <translation>正在下載 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="591" />
      <source>Download failed</source>
      <translation>下載失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="661" />
      <source>The diagram is not available in this build.</source>
      <translation>此版本未包含串流圖。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="677" />
      <source>Stream details are not available in this build.</source>
      <translation>此版本未包含串流詳細資訊。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="705" />
      <source>Reading {name}…</source>
      <translation>正在讀取 {name}…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="151" />
      <source>File</source>
      <translation>檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="152" />
      <source>File id</source>
      <translation>檔案 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="159" />
      <source>File id for {name}</source>
      <translation>{name} 的檔案 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="194" />
      <source>A stream with this id exists and will be replaced.</source>
      <translation>已有使用此 ID 的串流，將會被取代。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="511" />
      <source>These streams already exist on the server and will be replaced:
{ids}

Jobs that use them will run the new version. Replace them?</source>
      <translation>以下串流已存在於伺服器上，將會被取代：
{ids}

使用它們的工作將執行新版本。要取代嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="533" />
      <source>Uploaded {name}</source>
      <translation>已上傳 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="542" />
      <source>Could not upload {name}: {message}</source>
      <translation>無法上傳 {name}：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="546" />
      <source>Upload of {name} cancelled</source>
      <translation>已取消上傳 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="605" />
      <source>Jobs waiting or running on them now: {jobs}</source>
      <translation>目前正在等待或執行、使用這些串流的工作：{jobs}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="655" />
      <source>scoring branch</source>
      <translation>評分分支</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="191" />
      <source>Not a valid id: {problem}</source>
      <translation>ID 無效：{problem}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="589" />
      <source>Saved {name} to {path}</source>
      <translation>已將 {name} 儲存到 {path}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="592" />
      <source>Could not download {name}: {message}</source>
      <translation>無法下載 {name}：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="629" />
      <source>Some streams could not be deleted:
{list}</source>
      <translation>部分串流無法刪除：
{list}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="632" />
      <source>Deleted {count} stream(s)</source>
      <translation>已刪除 {count} 個串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="702" />
      <source>Cannot read this stream: {message}</source>
      <translation>無法讀取此串流：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/util.py" line="40" />
      <source>{done} of {total}</source>
      <translation>{done} / {total}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="47" />
      <source>Earlier versions</source>
      <translation>較早版本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="49" />
      <source>Loading…</source>
      <translation>載入中…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="52" />
      <source>Restore</source>
      <translation>還原</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="53" />
      <source>Make this version the current stream again (the current one is kept as a version)</source>
      <translation>將此版本再設為目前的串流（目前的串流會保留為一個版本）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="136" />
      <source>Save version as</source>
      <translation>另存版本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="161" />
      <source>Restore this version?</source>
      <translation>要還原此版本嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="48" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="48" />
      <source>Replaced</source>
      <translation>取代時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="48" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="43" />
      <source>Versions of {name}</source>
      <translation>{name} 的版本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="114" />
      <source>This server keeps no earlier versions of streams.</source>
      <translation>此伺服器不保留串流的較早版本。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="126" />
      <source>No earlier versions: the stream has not been replaced.</source>
      <translation>沒有較早版本：此串流尚未被取代。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="162" />
      <source>Make version {version} the current {name}? Jobs that start from now on run it; the current stream is kept as a version.</source>
      <translation>要將版本 {version} 設為目前的 {name} 嗎？此後開始的工作會執行它；目前的串流會保留為一個版本。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="186" />
      <source>Restore failed</source>
      <translation>還原失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="151" />
      <source>Saved version {version} to {path}</source>
      <translation>已將版本 {version} 儲存到 {path}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="179" />
      <source>Restored version {version} of {name}</source>
      <translation>已還原 {name} 的版本 {version}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/versions_dialog.py" line="124" />
      <source>{count} earlier version(s) kept.</source>
      <translation>保留了 {count} 個較早版本。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="120" />
      <source>No server is connected yet.</source>
      <translation>尚未連線到伺服器。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="110" />
      <source>Cannot reach the server: {detail}</source>
      <translation>無法連線到伺服器：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="112" />
      <source>The server refused the access key: {detail}</source>
      <translation>伺服器拒絕了存取金鑰：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="114" />
      <source>Not found on the server: {detail}</source>
      <translation>伺服器上找不到：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="116" />
      <source>The server reports a conflict: {detail}</source>
      <translation>伺服器回報衝突：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="118" />
      <source>The server had a problem: {detail}</source>
      <translation>伺服器發生問題：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="122" />
      <source>File or network error: {detail}</source>
      <translation>檔案或網路錯誤：{detail}</translation>
    </message>
  </context>
</TS>
