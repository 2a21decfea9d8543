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
      <translation>在本機或遠端服務上執行 SPSS Modeler 批次作業（訓練、評估、批次評分、自動更新、腳本執行）。</translation>
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
      <location filename="../../pmdesk/desktop/jobs_model.py" line="29" />
      <source>Job</source>
      <translation>作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="29" />
      <source>Action</source>
      <translation>動作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="29" />
      <source>Stream</source>
      <translation>串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="29" />
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="29" />
      <source>Submitted</source>
      <translation>提交時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Started</source>
      <translation>開始時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Finished</source>
      <translation>完成時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Duration</source>
      <translation>耗時</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="30" />
      <source>Progress</source>
      <translation>進度</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="35" />
      <source>Pending</source>
      <translation>等待中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="36" />
      <source>Running</source>
      <translation>執行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="37" />
      <source>Canceling</source>
      <translation>取消中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="38" />
      <source>Canceled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="39" />
      <source>Failed</source>
      <translation>失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="40" />
      <source>Success</source>
      <translation>成功</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="91" />
      <source>{done} rows</source>
      <translation>{done} 列</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="88" />
      <source>{done} of {total} rows ({percent}%)</source>
      <translation>{done} / {total} 列（{percent}%）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_model.py" line="158" />
      <source>Unknown</source>
      <translation>未知</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="109" />
      <source>All jobs</source>
      <translation>所有作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="110" />
      <source>Active</source>
      <translation>進行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="143" />
      <source>Jobs</source>
      <translation>作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="163" />
      <source>New job</source>
      <translation>新增作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="164" />
      <source>Define and submit a new job (Ctrl+N)</source>
      <translation>定義並提交新作業（Ctrl+N）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="165" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="166" />
      <source>Cancel the selected running or pending jobs</source>
      <translation>取消選取的執行中或等待中作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="167" />
      <source>Delete</source>
      <translation>刪除</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="168" />
      <source>Delete the selected jobs from the server</source>
      <translation>從伺服器刪除選取的作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="169" />
      <source>Resubmit…</source>
      <translation>重新提交…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="170" />
      <source>Open the selected job in the editor to run it again</source>
      <translation>在編輯器中開啟選取的作業以重新執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="172" />
      <source>Definition</source>
      <translation>定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="173" />
      <source>Show the selected job's definition (passwords hidden)</source>
      <translation>顯示選取作業的定義（隱藏密碼）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="175" />
      <source>Results…</source>
      <translation>結果…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="176" />
      <source>Download and show the results of the selected job</source>
      <translation>下載並顯示選取作業的結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="179" />
      <source>Show jobs with status</source>
      <translation>依狀態顯示作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="183" />
      <source>Search jobs (Ctrl+F)</source>
      <translation>搜尋作業（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="184" />
      <source>Search jobs</source>
      <translation>搜尋作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="310" />
      <source>Waiting for the server…</source>
      <translation>正在等待伺服器…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="367" />
      <source>Cancel jobs?</source>
      <translation>要取消作業嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="368" />
      <source>Cancel these jobs? The server stops them and removes them from the list:
{ids}</source>
      <translation>要取消這些作業嗎？伺服器會停止它們並從清單中移除：
{ids}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="371" />
      <source>Delete jobs?</source>
      <translation>要刪除作業嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="372" />
      <source>Delete these jobs and their results from the server? Running jobs are cancelled first:
{ids}</source>
      <translation>要從伺服器刪除這些作業及其結果嗎？執行中的作業會先被取消：
{ids}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="446" />
      <source>Job definition (passwords hidden)</source>
      <translation>作業定義（隱藏密碼）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="450" />
      <source>Close</source>
      <translation>關閉</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="312" />
      <source>Loading jobs…</source>
      <translation>正在載入作業…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="307" />
      <source>{shown} of {total} jobs shown · {active} active</source>
      <translation>顯示 {shown} / {total} 個作業 · {active} 個進行中</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="314" />
      <source>No jobs yet. Select a stream and click “New job” to define one.</source>
      <translation>尚無作業。請選取一個串流，再按「新增作業」來定義作業。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="407" />
      <source>Some jobs remain</source>
      <translation>部分作業仍存在</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="442" />
      <source>Definition of {job}</source>
      <translation>{job} 的定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="465" />
      <source>Job failed</source>
      <translation>作業失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="504" />
      <source>Downloading the results of {job}…</source>
      <translation>正在下載 {job} 的結果…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="316" />
      <source>No job matches the filter.</source>
      <translation>沒有符合篩選條件的作業。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="411" />
      <source>The server reported {count} of {asked} jobs deleted.</source>
      <translation>伺服器回報已刪除 {asked} 個作業中的 {count} 個。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="416" />
      <source>Delete failed</source>
      <translation>刪除失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="426" />
      <source>Cannot read the job</source>
      <translation>無法讀取作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="466" />
      <source>The server gave no reason.</source>
      <translation>伺服器未提供原因。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="506" />
      <source>Cannot open the results</source>
      <translation>無法開啟結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/jobs_panel.py" line="408" />
      <source>The server reported {count} of {asked} jobs deleted. These remain:
{list}</source>
      <translation>伺服器回報已刪除 {asked} 個作業中的 {count} 個。以下作業仍存在：
{list}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="59" />
      <source>Retry now</source>
      <translation>立即重試</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="60" />
      <source>Dismiss</source>
      <translation>關閉訊息</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="66" />
      <source>Message</source>
      <translation>訊息</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="99" />
      <source>Job editor</source>
      <translation>作業編輯器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="109" />
      <source>Streams</source>
      <translation>串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="120" />
      <source>Connection state</source>
      <translation>連線狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="141" />
      <source>Not connected</source>
      <translation>未連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="174" />
      <source>&amp;Upload streams…</source>
      <translation>上傳串流(&amp;U)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="176" />
      <source>&amp;New job</source>
      <translation>新增作業(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="178" />
      <source>&amp;Refresh</source>
      <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="180" />
      <source>&amp;Quit</source>
      <translation>結束(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="182" />
      <source>&amp;Servers…</source>
      <translation>伺服器(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="183" />
      <source>S&amp;ettings…</source>
      <translation>設定(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="185" />
      <source>&amp;About PMDesk</source>
      <translation>關於 PMDesk(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="186" />
      <source>Show &amp;jobs</source>
      <translation>顯示作業(&amp;J)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="188" />
      <source>Show job &amp;editor</source>
      <translation>顯示作業編輯器(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="190" />
      <source>&amp;Find jobs</source>
      <translation>搜尋作業(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="196" />
      <source>&amp;File</source>
      <translation>檔案(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="201" />
      <source>&amp;View</source>
      <translation>檢視(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="203" />
      <source>&amp;Streams panel</source>
      <translation>串流面板(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="210" />
      <source>Se&amp;rver</source>
      <translation>伺服器(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="213" />
      <source>&amp;Database connections…</source>
      <translation>資料庫連線(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="219" />
      <source>&amp;Help</source>
      <translation>說明(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="220" />
      <source>Open the &amp;sample files folder</source>
      <translation>開啟範例檔案資料夾(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="228" />
      <source>Main toolbar</source>
      <translation>主工具列</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="234" />
      <source>Server</source>
      <translation>伺服器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="235" />
      <source>Which server to work with</source>
      <translation>要使用的伺服器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="325" />
      <source>Local (this computer)</source>
      <translation>本機（這台電腦）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="385" />
      <source>this session's memory (no system keyring)</source>
      <translation>僅存於本次工作階段的記憶體（無系統金鑰圈）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="222" />
      <source>Sample streams, database and job definitions of the local service</source>
      <translation>本機服務的範例串流、資料庫與作業定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="281" />
      <source>Starting the local service…</source>
      <translation>正在啟動本機服務…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="300" />
      <source>Connecting to the local service…</source>
      <translation>正在連線到本機服務…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="305" />
      <source>The local service is not running</source>
      <translation>本機服務未執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="391" />
      <source>Sample files</source>
      <translation>範例檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="427" />
      <source>Job {job}: {state}</source>
      <translation>作業 {job}：{state}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="479" />
      <source>Quit PMDesk?</source>
      <translation>要結束 PMDesk 嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="480" />
      <source>Uploads or downloads are still running; quitting cancels them. Quit?</source>
      <translation>仍有上傳或下載正在進行；結束會取消它們。要結束嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="154" />
      <source>The job editor is not available in this build.</source>
      <translation>此版本未包含作業編輯器。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="293" />
      <source>Connecting to {name}…</source>
      <translation>正在連線到 {name}…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="310" />
      <source>Cannot reach {name}; retrying in {seconds} s</source>
      <translation>無法連線到 {name}；{seconds} 秒後重試</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="312" />
      <source>{name} does not answer properly: {message}
PMDesk keeps trying; your work is not lost.</source>
      <translation>{name} 沒有正確回應：{message}
PMDesk 會持續重試，您的工作不會遺失。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="366" />
      <source>Language</source>
      <translation>語言</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="367" />
      <source>The new language is used from the next start of PMDesk.</source>
      <translation>新語言將在下次啟動 PMDesk 時生效。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="376" />
      <source>Database connections</source>
      <translation>資料庫連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="377" />
      <source>Database connection profiles are not available in this build.</source>
      <translation>此版本未包含資料庫連線設定檔。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="383" />
      <source>system keyring ({name})</source>
      <translation>系統金鑰圈（{name}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="418" />
      <source>Job {job} submitted</source>
      <translation>已提交作業 {job}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="232" />
      <source>Server:</source>
      <translation>伺服器：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="288" />
      <source>No access key for {name}</source>
      <translation>{name} 沒有存取金鑰</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="290" />
      <source>There is no access key for “{name}” (it may have been kept only for an earlier session). Enter it in Servers….</source>
      <translation>「{name}」沒有存取金鑰（可能只保存在先前的工作階段中）。請在「伺服器…」中輸入。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="318" />
      <source>Connected to {name} ({url})</source>
      <translation>已連線到 {name}（{url}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/main_window.py" line="392" />
      <source>The sample files are written when the local service first starts (in {path}).</source>
      <translation>範例檔案會在本機服務第一次啟動時寫入（位於 {path}）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="93" />
      <source>Result files</source>
      <translation>結果檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="105" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="108" />
      <source>Image</source>
      <translation>圖片</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="113" />
      <source>Table</source>
      <translation>表格</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="125" />
      <source>Open with system</source>
      <translation>以系統程式開啟</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="126" />
      <source>Save zip…</source>
      <translation>儲存 zip…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="127" />
      <source>Open folder</source>
      <translation>開啟資料夾</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="203" />
      <source>Save results as</source>
      <translation>結果另存為</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="205" />
      <source>Zip archives (*.zip)</source>
      <translation>Zip 壓縮檔 (*.zip)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="148" />
      <source>The job produced no files.</source>
      <translation>此作業沒有產生任何檔案。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="85" />
      <source>Results of {job}</source>
      <translation>{job} 的結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="168" />
      <source>Loading {name}…</source>
      <translation>正在載入 {name}…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="65" />
      <source>{name} is not a readable image</source>
      <translation>{name} 不是可讀取的圖片</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="163" />
      <source>{name} cannot be shown here: use “Open with system”.</source>
      <translation>無法在此顯示 {name}：請使用「以系統程式開啟」。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="199" />
      <source>No program is set up to open {name}.</source>
      <translation>沒有設定可開啟 {name} 的程式。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/results_view.py" line="210" />
      <source>Save failed</source>
      <translation>儲存失敗</translation>
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
      <translation>此作業沒有執行紀錄。</translation>
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
      <translation>作業 {job} 的執行紀錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/runs_view.py" line="226" />
      <source>Saved {path}</source>
      <translation>已儲存 {path}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="53" />
      <source>Schedule</source>
      <translation>排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="53" />
      <source>When</source>
      <translation>時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="53" />
      <source>Time zone</source>
      <translation>時區</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="53" />
      <source>Enabled</source>
      <translation>已啟用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>Next runs</source>
      <translation>下次執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>Last run</source>
      <translation>上次執行</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="54" />
      <source>Last state</source>
      <translation>上次狀態</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="413" />
      <source>Sc&amp;hedules…</source>
      <translation>排程(&amp;H)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="414" />
      <source>Run jobs on a schedule: create, edit, switch on and off</source>
      <translation>依排程執行作業：建立、編輯、啟用與停用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="416" />
      <source>Run &amp;history…</source>
      <translation>執行紀錄(&amp;H)…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="418" />
      <source>Every run of the selected job: state, duration, rows, log, results</source>
      <translation>所選作業的每次執行：狀態、耗時、列數、記錄、結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="60" />
      <source>every {n} s</source>
      <translation>每 {n} 秒</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="72" />
      <source>Schedule name</source>
      <translation>排程名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="77" />
      <source>Cron expression</source>
      <translation>Cron 運算式</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="78" />
      <source>Every</source>
      <translation>每隔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="83" />
      <source>minute hour day-of-month month day-of-week, e.g. 0 2 * * * (every day at 02:00)</source>
      <translation>分 時 日 月 星期，例如 0 2 * * *（每天 02:00）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="87" />
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="112" />
      <source>Name:</source>
      <translation>名稱：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="113" />
      <source>Job:</source>
      <translation>作業：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="114" />
      <source>Runs:</source>
      <translation>執行：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="116" />
      <source>Time zone:</source>
      <translation>時區：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="118" />
      <source>Next runs (local time):</source>
      <translation>下次執行（本地時間）：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="149" />
      <source>Give the schedule a name.</source>
      <translation>請為排程命名。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="197" />
      <source>Schedules</source>
      <translation>排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="213" />
      <source>New…</source>
      <translation>新增…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="214" />
      <source>Edit…</source>
      <translation>編輯…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="215" />
      <source>Disable</source>
      <translation>停用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="401" />
      <source>Select one job to see its runs</source>
      <translation>請選取一個作業以檢視其執行紀錄</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="59" />
      <source>cron {expr}</source>
      <translation>cron {expr}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="69" />
      <source>Edit schedule</source>
      <translation>編輯排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="69" />
      <source>New schedule</source>
      <translation>新增排程</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="169" />
      <source>none: the schedule is switched off</source>
      <translation>無：排程已停用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="173" />
      <source>none</source>
      <translation>無</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="260" />
      <source>Enable</source>
      <translation>啟用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="295" />
      <source>No schedules yet: New… runs a job on a schedule.</source>
      <translation>尚無排程：「新增…」可依排程執行作業。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="358" />
      <source>Delete schedule?</source>
      <translation>要刪除排程嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="283" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="283" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/schedules_view.py" line="359" />
      <source>Delete the schedule {name}? The job {job} and its runs stay.</source>
      <translation>要刪除排程 {name} 嗎？作業 {job} 及其執行紀錄會保留。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="271" />
      <source>The local service could not be started: {detail}</source>
      <translation>無法啟動本機服務：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="186" />
      <source>Cannot prepare the local service folder {path}: {detail}</source>
      <translation>無法準備本機服務資料夾 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="252" />
      <source>The local service did not start in time.</source>
      <translation>本機服務未能及時啟動。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="284" />
      <source>The local service stopped (exit code {code}); restarting it in {seconds} s.</source>
      <translation>本機服務已停止（結束代碼 {code}）；將在 {seconds} 秒後重新啟動。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers.py" line="292" />
      <source>The local service keeps stopping (exit code {code}).</source>
      <translation>本機服務一再停止（結束代碼 {code}）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="31" />
      <source>Give the server's address, like https://server.example.com:8443</source>
      <translation>請輸入伺服器位址，例如 https://server.example.com:8443</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="39" />
      <source>Servers</source>
      <translation>伺服器</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="48" />
      <source>Server profiles</source>
      <translation>伺服器設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="49" />
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="50" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="52" />
      <source>Profile name</source>
      <translation>設定檔名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="54" />
      <source>Server address</source>
      <translation>伺服器位址</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="58" />
      <source>Access key</source>
      <translation>存取金鑰</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="59" />
      <source>unchanged</source>
      <translation>未變更</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="63" />
      <source>Access keys are stored in the system keyring.</source>
      <translation>存取金鑰儲存在系統金鑰圈中。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="64" />
      <source>No system keyring is available: access keys are kept only until PMDesk closes.</source>
      <translation>沒有可用的系統金鑰圈：存取金鑰只會保留到 PMDesk 關閉為止。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="70" />
      <source>Name</source>
      <translation>名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="71" />
      <source>Address</source>
      <translation>位址</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="88" />
      <source>Save</source>
      <translation>儲存</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="122" />
      <source>started by PMDesk on this computer</source>
      <translation>由 PMDesk 在這台電腦上啟動</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="155" />
      <source>Every server needs a name.</source>
      <translation>每個伺服器都需要名稱。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="142" />
      <source>(unnamed)</source>
      <translation>（未命名）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="157" />
      <source>The name “{name}” is used twice.</source>
      <translation>名稱「{name}」重複使用。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/servers_dialog.py" line="161" />
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
      <translation>作業狀態更新間隔（秒）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="45" />
      <source>System default</source>
      <translation>系統預設</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="50" />
      <source>Notify me when a job ends</source>
      <translation>作業結束時通知我</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="52" />
      <source>A new language takes effect when PMDesk restarts.</source>
      <translation>新語言會在 PMDesk 重新啟動後生效。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="55" />
      <source>Refresh job status every</source>
      <translation>作業狀態更新間隔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/settings_dialog.py" line="61" />
      <source>OK</source>
      <translation>確定</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="266" />
      <source>No streams yet: drop a Modeler stream here</source>
      <translation>尚無串流：請將 Modeler 串流拖放到這裡</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="657" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="133" />
      <source>Upload streams</source>
      <translation>上傳串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="137" />
      <source>Each stream is stored on the server under a file id, which job definitions use to refer to it. You can change the id.</source>
      <translation>每個串流會以檔案 ID 儲存在伺服器上，作業定義以此 ID 參照它。您可以修改 ID。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="164" />
      <source>Upload</source>
      <translation>上傳</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="247" />
      <source>Upload…</source>
      <translation>上傳…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="248" />
      <source>Upload stream files to the server (Ctrl+U)</source>
      <translation>將串流檔案上傳到伺服器（Ctrl+U）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="250" />
      <source>Save the selected stream to a file</source>
      <translation>將選取的串流儲存為檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="252" />
      <source>Delete the selected streams from the server</source>
      <translation>從伺服器刪除選取的串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="254" />
      <source>Define a job that runs the selected stream</source>
      <translation>定義執行選取串流的作業</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="255" />
      <source>Reload the list (F5)</source>
      <translation>重新載入清單（F5）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="264" />
      <source>Streams on the server</source>
      <translation>伺服器上的串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="280" />
      <source>Stream details</source>
      <translation>串流詳細資訊</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="281" />
      <source>Select a stream to see its nodes.</source>
      <translation>選取一個串流以查看其節點。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="287" />
      <source>Nodes of the stream</source>
      <translation>串流的節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="289" />
      <source>Diagram</source>
      <translation>圖表</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="290" />
      <source>Nodes</source>
      <translation>節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="421" />
      <source>Modeler streams (*.str *.pmstream);;All files (*)</source>
      <translation>Modeler 串流 (*.str *.pmstream);;所有檔案 (*)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="509" />
      <source>Save stream as</source>
      <translation>串流另存為</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="543" />
      <source>Delete streams?</source>
      <translation>要刪除串流嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="122" />
      <source>Drop to upload</source>
      <translation>放開以上傳</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="178" />
      <source>the same id is used twice</source>
      <translation>同一個 ID 使用了兩次</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="265" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="265" />
      <source>Uploaded</source>
      <translation>上傳時間</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="285" />
      <source>Node</source>
      <translation>節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="285" />
      <source>Kind</source>
      <translation>類型</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="428" />
      <source>No server is connected yet; try again in a moment.</source>
      <translation>尚未連線到伺服器，請稍後再試。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="447" />
      <source>Replace streams?</source>
      <translation>要取代串流嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="477" />
      <source>Upload failed</source>
      <translation>上傳失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="536" />
      <source>Delete these streams from the server?
{ids}

Pending jobs that use them will fail.</source>
      <translation>要從伺服器刪除這些串流嗎？
{ids}

使用這些串流的等待中作業將會失敗。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="600" />
      <source>Stream diagram</source>
      <translation>串流圖</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="651" />
      <source>Source</source>
      <translation>來源</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="652" />
      <source>Process</source>
      <translation>處理</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="653" />
      <source>Model builder</source>
      <translation>模型建構</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="654" />
      <source>Model nugget</source>
      <translation>模型塊</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="655" />
      <source>Output / export</source>
      <translation>輸出／匯出</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="656" />
      <source>Graph / report</source>
      <translation>圖形／報表</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="360" />
      <source>Could not list the streams: {message}</source>
      <translation>無法列出串流：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="467" />
      <source>Uploading {name}</source>
      <translation>正在上傳 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="523" />
      <source>Downloading {name}</source>
      <translation>正在下載 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="527" />
      <source>Download failed</source>
      <translation>下載失敗</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="596" />
      <source>The diagram is not available in this build.</source>
      <translation>此版本未包含串流圖。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="612" />
      <source>Stream details are not available in this build.</source>
      <translation>此版本未包含串流詳細資訊。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="640" />
      <source>Reading {name}…</source>
      <translation>正在讀取 {name}…</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="142" />
      <source>File</source>
      <translation>檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="143" />
      <source>File id</source>
      <translation>檔案 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="150" />
      <source>File id for {name}</source>
      <translation>{name} 的檔案 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="185" />
      <source>A stream with this id exists and will be replaced.</source>
      <translation>已有使用此 ID 的串流，將會被取代。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="448" />
      <source>These streams already exist on the server and will be replaced:
{ids}

Jobs that use them will run the new version. Replace them?</source>
      <translation>以下串流已存在於伺服器上，將會被取代：
{ids}

使用它們的作業將執行新版本。要取代嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="470" />
      <source>Uploaded {name}</source>
      <translation>已上傳 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="478" />
      <source>Could not upload {name}: {message}</source>
      <translation>無法上傳 {name}：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="482" />
      <source>Upload of {name} cancelled</source>
      <translation>已取消上傳 {name}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="540" />
      <source>Jobs waiting or running on them now: {jobs}</source>
      <translation>目前正在等待或執行、使用這些串流的作業：{jobs}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="590" />
      <source>scoring branch</source>
      <translation>評分分支</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="182" />
      <source>Not a valid id: {problem}</source>
      <translation>ID 無效：{problem}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="525" />
      <source>Saved {name} to {path}</source>
      <translation>已將 {name} 儲存到 {path}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="528" />
      <source>Could not download {name}: {message}</source>
      <translation>無法下載 {name}：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="564" />
      <source>Some streams could not be deleted:
{list}</source>
      <translation>部分串流無法刪除：
{list}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="567" />
      <source>Deleted {count} stream(s)</source>
      <translation>已刪除 {count} 個串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/streams_panel.py" line="637" />
      <source>Cannot read this stream: {message}</source>
      <translation>無法讀取此串流：{message}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/util.py" line="36" />
      <source>{done} of {total}</source>
      <translation>{done} / {total}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="106" />
      <source>No server is connected yet.</source>
      <translation>尚未連線到伺服器。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="96" />
      <source>Cannot reach the server: {detail}</source>
      <translation>無法連線到伺服器：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="98" />
      <source>The server refused the access key: {detail}</source>
      <translation>伺服器拒絕了存取金鑰：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="100" />
      <source>Not found on the server: {detail}</source>
      <translation>伺服器上找不到：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="102" />
      <source>The server reports a conflict: {detail}</source>
      <translation>伺服器回報衝突：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="104" />
      <source>The server had a problem: {detail}</source>
      <translation>伺服器發生問題：{detail}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/workers.py" line="108" />
      <source>File or network error: {detail}</source>
      <translation>檔案或網路錯誤：{detail}</translation>
    </message>
  </context>
</TS>
