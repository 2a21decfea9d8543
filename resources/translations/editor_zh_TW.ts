<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
  <context>
    <name>ConnectionTest</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/connection_test.py" line="100" />
      <source>The SQLite file {0} does not exist.</source>
      <translation>SQLite 檔案 {0} 不存在。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/connection_test.py" line="112" />
      <source>The connection settings are not usable: {0}</source>
      <translation>連線設定無法使用：{0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/connection_test.py" line="120" />
      <source>Could not connect: {0}</source>
      <translation>無法連線：{0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/connection_test.py" line="123" />
      <source>Connected to {0}.</source>
      <translation>已連線到 {0}。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/connection_test.py" line="56" />
      <source>PMDesk cannot test {0} connections from the desktop.</source>
      <translation>PMDesk 無法從桌面測試 {0} 連線。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/connection_test.py" line="62" />
      <source>Install the Python package {0} to test {1} connections.</source>
      <translation>請安裝 Python 套件 {0}，才能測試 {1} 連線。</translation>
    </message>
  </context>
  <context>
    <name>DbProfileStore</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="108" />
      <source>Give the profile a name.</source>
      <translation>請為設定檔命名。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="110" />
      <source>The name may not start or end with a space.</source>
      <translation>名稱的開頭或結尾不可為空格。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="112" />
      <source>Another profile is already called {0}.</source>
      <translation>已有另一個設定檔名為 {0}。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="114" />
      <source>Choose a database type.</source>
      <translation>請選擇資料庫類型。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="117" />
      <source>Give the path of the SQLite database file.</source>
      <translation>請輸入 SQLite 資料庫檔案的路徑。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="118" />
      <source>Give the database name.</source>
      <translation>請輸入資料庫名稱。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles.py" line="120" />
      <source>Give the host name of the database server.</source>
      <translation>請輸入資料庫伺服器的主機名稱。</translation>
    </message>
  </context>
  <context>
    <name>DefinitionTransfer</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="109" />
      <source>These databases match none of your connection profiles:
{0}

Create a profile for each (passwords in the file go to the system keyring)?</source>
      <translation>這些資料庫不符合您的任何連線設定檔：
{0}

要為每一個建立設定檔嗎（檔案中的密碼會存入系統金鑰圈）？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="113" />
      <source>These databases match none of your connection profiles:
{0}

Create a profile for each (passwords in the file are kept in memory until PMDesk closes: there is no system keyring)?</source>
      <translation>這些資料庫不符合您的任何連線設定檔：
{0}

要為每一個建立設定檔嗎（沒有系統金鑰圈，因此檔案中的密碼只會保留在記憶體中，直到 PMDesk 關閉）？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="117" />
      <source>New database connections</source>
      <translation>新的資料庫連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="119" />
      <source>Create profiles</source>
      <translation>建立設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="128" />
      <source>line {0}: inserted a missing comma</source>
      <translation>第 {0} 行：補上遺漏的逗號</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="130" />
      <source>line {0}: removed trailing comma</source>
      <translation>第 {0} 行：移除結尾多餘的逗號</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="132" />
      <source>line {0}: replaced curly quotes with straight quotes</source>
      <translation>第 {0} 行：將彎引號改為直引號</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="134" />
      <source>line {0}: replaced single quotes with double quotes</source>
      <translation>第 {0} 行：將單引號改為雙引號</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="136" />
      <source>line {0}: '{1}' after a key replaced by ':'</source>
      <translation>第 {0} 行：將鍵後面的 '{1}' 改為 ':'</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="139" />
      <source>line {0}: '{1}' between items replaced by ','</source>
      <translation>第 {0} 行：將項目之間的 '{1}' 改為 ','</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="160" />
      <source>Export job definition</source>
      <translation>匯出工作定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="161" />
      <source>Job definitions (*.json)</source>
      <translation>工作定義 (*.json)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="175" />
      <source>Export</source>
      <translation>匯出</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="175" />
      <source>Cannot write {0}: {1}</source>
      <translation>無法寫入 {0}：{1}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="178" />
      <source>Exported to {0} (without passwords).</source>
      <translation>已匯出到 {0}（不含密碼）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="200" />
      <source>Save as template...</source>
      <translation>另存為範本...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="203" />
      <source>Delete template</source>
      <translation>刪除範本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="222" />
      <source>Save as template</source>
      <translation>另存為範本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="223" />
      <source>Template name:</source>
      <translation>範本名稱：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="48" />
      <source>Import job definition</source>
      <translation>匯入工作定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="49" />
      <source>Job definitions (*.json *.txt);;All files (*)</source>
      <translation>工作定義 (*.json *.txt);;所有檔案 (*)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="57" />
      <source>the file is larger than 10 MB</source>
      <translation>檔案大於 10 MB</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="62" />
      <source>it is not UTF-8 text</source>
      <translation>它不是 UTF-8 文字</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="63" />
      <source>Import</source>
      <translation>匯入</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="63" />
      <source>Cannot read {0}: {1}</source>
      <translation>無法讀取 {0}：{1}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="74" />
      <source>{0} is not a job definition PMDesk can read: line {1}, column {2}: {3}</source>
      <translation>{0} 不是 PMDesk 能讀取的工作定義：第 {1} 行，第 {2} 欄：{3}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="76" />
      <source>The text</source>
      <translation>此文字</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="80" />
      <source>{0} is JSON but not a valid job definition: {1}</source>
      <translation>{0} 是 JSON，但不是有效的工作定義：{1}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="88" />
      <source>Imported {0}.</source>
      <translation>已匯入 {0}。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="88" />
      <source>Imported.</source>
      <translation>已匯入。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="90" />
      <source>The file was not valid JSON; PMDesk repaired it:</source>
      <translation>檔案不是有效的 JSON；PMDesk 已修正：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="94" />
      <source>Databases linked to your connection profiles: {0}.</source>
      <translation>已連結到您連線設定檔的資料庫：{0}。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/transfer.py" line="97" />
      <source>Passwords in the file are not kept in the form.</source>
      <translation>檔案中的密碼不會保留在表單中。</translation>
    </message>
  </context>
  <context>
    <name>JobEditor</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="176" />
      <source>Only EVALUATION jobs produce reports.</source>
      <translation>只有 EVALUATION 工作會產生報告。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="190" />
      <source>Reading the stream {0}...</source>
      <translation>正在讀取串流 {0}...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="193" />
      <source>This stream is not in the Streams panel's list; check the id or upload it.</source>
      <translation>此串流不在「串流」面板的清單中；請檢查 ID 或先上傳。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="231" />
      <source>none</source>
      <translation>無</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="234" />
      <source>Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The stream has a scoring branch.</source>
      <translation>來源節點：{0}。終端機節點：{1}。參數：{2} 個。此串流有評分分支。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="237" />
      <source>Source nodes: {0}. Terminal nodes: {1}. Parameters: {2}. The stream has no scoring branch.</source>
      <translation>來源節點：{0}。終端機節點：{1}。參數：{2} 個。此串流沒有評分分支。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="245" />
      <source>Could not read the stream, so its node names are not offered: {0}</source>
      <translation>無法讀取串流，因此無法提供節點名稱：{0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="281" />
      <source>&amp;Resubmit</source>
      <translation>重新提交(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="281" />
      <source>&amp;Submit</source>
      <translation>提交(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="284" />
      <source>Resubmitting replaces the job {0} and runs it again.</source>
      <translation>重新提交會取代工作 {0} 並再次執行。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/job_editor.py" line="50" />
      <source>Job editor</source>
      <translation>工作編輯器</translation>
    </message>
  </context>
  <context>
    <name>JobForm</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="144" />
      <source>Import report</source>
      <translation>匯入報告</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="148" />
      <source>Job editor views</source>
      <translation>工作編輯器檢視</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="156" />
      <source>Report format</source>
      <translation>報告格式</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="157" />
      <source>(choose a format)</source>
      <translation>（請選擇格式）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="160" />
      <source>Report &amp;format:</source>
      <translation>報告格式(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="165" />
      <source>Form</source>
      <translation>表單</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="167" />
      <source>JSON</source>
      <translation>JSON</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="173" />
      <source>Job id</source>
      <translation>工作 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="174" />
      <source>a name for this job, e.g. drug-scores</source>
      <translation>這個工作的名稱，例如 drug-scores</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="176" />
      <source>Suggest</source>
      <translation>建議</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="177" />
      <source>Suggest a job id</source>
      <translation>建議工作 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="182" />
      <source>&amp;Job id:</source>
      <translation>工作 ID(&amp;J)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="186" />
      <source>Action</source>
      <translation>動作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="189" />
      <source>What the action does</source>
      <translation>動作的用途</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="190" />
      <source>&amp;Action:</source>
      <translation>動作(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="197" />
      <source>Stream</source>
      <translation>串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="200" />
      <source>the id of an uploaded stream</source>
      <translation>已上傳串流的 ID</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="201" />
      <source>Stream details</source>
      <translation>串流詳細資料</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="202" />
      <source>&amp;Stream:</source>
      <translation>串流(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="207" />
      <source>Result name</source>
      <translation>結果名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="208" />
      <source>optional: file name of the trained stream, e.g. stream1.str</source>
      <translation>選填：訓練後串流的檔名，例如 stream1.str</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="210" />
      <source>&amp;Result name:</source>
      <translation>結果名稱(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="215" />
      <source>Name in the job (dbRef)</source>
      <translation>工作中的名稱 (dbRef)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="216" />
      <source>The name inputs and exports use to refer to this database</source>
      <translation>輸入與匯出用來參照此資料庫的名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="217" />
      <source>Connection profile</source>
      <translation>連線設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="221" />
      <source>Databases</source>
      <translation>資料庫</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="222" />
      <source>&amp;Manage connections...</source>
      <translation>管理連線(&amp;M)...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="223" />
      <source>Manage connection profiles</source>
      <translation>管理連線設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="225" />
      <source>Add database</source>
      <translation>新增資料庫</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="225" />
      <source>Remove database</source>
      <translation>移除資料庫</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="227" />
      <source>&amp;Databases:</source>
      <translation>資料庫(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="230" />
      <source>Source node</source>
      <translation>來源節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="231" />
      <source>The source node of the stream this table replaces</source>
      <translation>此表格所取代的串流來源節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="232" />
      <source>Database</source>
      <translation>資料庫</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="233" />
      <source>Table</source>
      <translation>表格</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="233" />
      <source>The table to read</source>
      <translation>要讀取的表格</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="235" />
      <source>Inputs</source>
      <translation>輸入</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="237" />
      <source>Add input</source>
      <translation>新增輸入</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="237" />
      <source>Remove input</source>
      <translation>移除輸入</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="238" />
      <source>&amp;Inputs:</source>
      <translation>輸入(&amp;I)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="241" />
      <source>Terminal node</source>
      <translation>終端機節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="242" />
      <source>The terminal node of the stream this table replaces</source>
      <translation>此表格所取代的串流終端機節點</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="244" />
      <source>The table to write</source>
      <translation>要寫入的表格</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="245" />
      <source>Insert mode</source>
      <translation>插入模式</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="247" />
      <source>Append: add rows to an existing table. Create: make a new table (fails if it exists). Drop: replace the table. Refresh: empty the table, then add rows.</source>
      <translation>Append：在既有表格中新增列。Create：建立新表格（若已存在則失敗）。Drop：取代表格。Refresh：先清空表格，再新增列。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="251" />
      <source>Exports</source>
      <translation>匯出</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="253" />
      <source>Add export</source>
      <translation>新增匯出</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="253" />
      <source>Remove export</source>
      <translation>移除匯出</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="254" />
      <source>E&amp;xports:</source>
      <translation>匯出(&amp;X)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="257" />
      <source>Parameter</source>
      <translation>參數</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="258" />
      <source>Value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="260" />
      <source>Parameter overrides</source>
      <translation>參數置換</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="262" />
      <source>Add parameter</source>
      <translation>新增參數</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="262" />
      <source>Remove parameter</source>
      <translation>移除參數</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="264" />
      <source>&amp;Parameter overrides:</source>
      <translation>參數置換(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="267" />
      <source>What keeps the job from being submitted</source>
      <translation>無法提交工作的原因</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="272" />
      <source>Warnings about the stream</source>
      <translation>串流相關警告</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="276" />
      <source>Submit result</source>
      <translation>提交結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="280" />
      <source>&amp;New</source>
      <translation>新增(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="281" />
      <source>New job</source>
      <translation>新工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="282" />
      <source>&amp;Import...</source>
      <translation>匯入(&amp;I)...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="283" />
      <source>Import a job definition</source>
      <translation>匯入工作定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="284" />
      <source>E&amp;xport...</source>
      <translation>匯出(&amp;X)...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="285" />
      <source>Export the job definition</source>
      <translation>匯出工作定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="287" />
      <source>&amp;Templates</source>
      <translation>範本(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="288" />
      <source>Templates</source>
      <translation>範本</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="292" />
      <source>&amp;Submit</source>
      <translation>提交(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="293" />
      <source>Submit the job</source>
      <translation>提交工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="355" />
      <source>Not a profile: {0}</source>
      <translation>非設定檔：{0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="356" />
      <source>(choose a profile)</source>
      <translation>（請選擇設定檔）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="419" />
      <source>Trains every model-building node; the results hold the stream with the newly trained models.</source>
      <translation>訓練所有模型建置節點；結果中包含具有新訓練模型的串流。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="422" />
      <source>Runs the graphs, tables and analyses of the stream and returns their documents in one .zip, in the report format you choose.</source>
      <translation>執行串流中的圖形、表格及分析，並以您選擇的報告格式將文件打包成一個 .zip 傳回。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="425" />
      <source>Trains like TRAINING and, when that succeeds, replaces the stored stream with the retrained one.</source>
      <translation>與 TRAINING 一樣進行訓練，成功後以重新訓練的串流取代已儲存的串流。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="428" />
      <source>Reads the input tables, runs the stream's scoring branch and writes the scores to the export tables.</source>
      <translation>讀取輸入表格，執行串流的評分分支，並將評分寫入匯出表格。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="430" />
      <source>Runs the stream's own script, as Modeler's Run button does; control it with parameter overrides.</source>
      <translation>如同 Modeler 的「執行」按鈕，執行串流本身的 Script；可用參數置換來控制。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="439" />
      <source>Job definition</source>
      <translation>工作定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="447" />
      <source>none yet</source>
      <translation>尚未定義</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="450" />
      <source>Give the job a name (or press Suggest).</source>
      <translation>請為工作命名（或按「建議」）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="452" />
      <source>Choose the stream the job runs.</source>
      <translation>請選擇工作要執行的串流。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="454" />
      <source>Row {0}: give the database a name (dbRef).</source>
      <translation>第 {0} 列：請為資料庫命名 (dbRef)。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="456" />
      <source>Row {0}: the name {1} is used twice.</source>
      <translation>第 {0} 列：名稱 {1} 重複使用。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="459" />
      <source>Row {0}: the connection profile {1} no longer exists; choose another.</source>
      <translation>第 {0} 列：連線設定檔 {1} 已不存在；請選擇其他設定檔。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="462" />
      <source>Row {0}: choose a connection profile for {1}.</source>
      <translation>第 {0} 列：請為 {1} 選擇連線設定檔。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="465" />
      <source>Export {0}: choose an insert mode (Append, Create, Drop or Refresh).</source>
      <translation>匯出 {0}：請選擇插入模式（Append、Create、Drop 或 Refresh）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="468" />
      <source>Row {0}: give the parameter's name.</source>
      <translation>第 {0} 列：請輸入參數名稱。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="470" />
      <source>Input {0}: choose the source node it replaces.</source>
      <translation>輸入 {0}：請選擇它所取代的來源節點。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="472" />
      <source>Export {0}: choose the terminal node it replaces.</source>
      <translation>匯出 {0}：請選擇它所取代的終端機節點。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="474" />
      <source>Input {0}: give the table to read.</source>
      <translation>輸入 {0}：請輸入要讀取的表格。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="476" />
      <source>Export {0}: give the table to write.</source>
      <translation>匯出 {0}：請輸入要寫入的表格。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="478" />
      <source>Input {0}: choose its database (defined: {1}).</source>
      <translation>輸入 {0}：請選擇資料庫（已定義：{1}）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="481" />
      <source>Export {0}: choose its database (defined: {1}).</source>
      <translation>匯出 {0}：請選擇資料庫（已定義：{1}）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="484" />
      <source>{0} is not one of the databases above (defined: {1}).</source>
      <translation>{0} 不是上方的資料庫之一（已定義：{1}）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="487" />
      <source>BATCH_SCORE needs at least one input: press Add input.</source>
      <translation>BATCH_SCORE 至少需要一個輸入：請按「新增輸入」。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="489" />
      <source>BATCH_SCORE needs at least one export: press Add export.</source>
      <translation>BATCH_SCORE 至少需要一個匯出：請按「新增匯出」。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="491" />
      <source>EVALUATION needs a report format.</source>
      <translation>EVALUATION 需要報告格式。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="503" />
      <source>{0}: {1}</source>
      <translation>{0}：{1}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/form.py" line="506" />
      <source>To submit, fix:</source>
      <translation>提交前請修正：</translation>
    </message>
  </context>
  <context>
    <name>JsonTab</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/json_tab.py" line="24" />
      <source>This is the job definition Submit sends. Passwords, shown as ********, are read from the keyring (or asked for) only at the moment of sending.</source>
      <translation>這是「提交」會送出的工作定義。密碼以 ******** 顯示，只在送出的當下才從金鑰圈讀取（或詢問您）。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/json_tab.py" line="32" />
      <source>Job definition JSON</source>
      <translation>工作定義 JSON</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/json_tab.py" line="36" />
      <source>&amp;Copy JSON</source>
      <translation>複製 JSON(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/json_tab.py" line="37" />
      <source>Copy JSON</source>
      <translation>複製 JSON</translation>
    </message>
  </context>
  <context>
    <name>PasswordPrompt</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/password_prompt.py" line="26" />
      <source>Database passwords</source>
      <translation>資料庫密碼</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/password_prompt.py" line="33" />
      <source>Keyring notice</source>
      <translation>金鑰圈通知</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/password_prompt.py" line="35" />
      <source>The job needs these passwords to reach its databases. They are sent with this job only and kept in memory until PMDesk closes. Leave a field empty if that database needs no password.</source>
      <translation>工作需要這些密碼才能連到資料庫。密碼只會隨此工作送出，並保留在記憶體中直到 PMDesk 關閉。若資料庫不需要密碼，請將欄位留空。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/password_prompt.py" line="46" />
      <source>Password for {0}</source>
      <translation>{0} 的密碼</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/password_prompt.py" line="53" />
      <source>Submit</source>
      <translation>提交</translation>
    </message>
  </context>
  <context>
    <name>ProfilesDialog</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="101" />
      <source>Host</source>
      <translation>主機</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="102" />
      <source>&amp;Host:</source>
      <translation>主機(&amp;H)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="105" />
      <source>default</source>
      <translation>預設</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="106" />
      <source>Port</source>
      <translation>埠</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="107" />
      <source>&amp;Port:</source>
      <translation>埠(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="110" />
      <source>Database</source>
      <translation>資料庫</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="111" />
      <source>&amp;Browse...</source>
      <translation>瀏覽(&amp;B)...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="112" />
      <source>Browse for the SQLite file</source>
      <translation>瀏覽 SQLite 檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="115" />
      <source>&amp;Database:</source>
      <translation>資料庫(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="119" />
      <source>User name</source>
      <translation>使用者名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="120" />
      <source>&amp;User name:</source>
      <translation>使用者名稱(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="123" />
      <source>Password</source>
      <translation>密碼</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="124" />
      <source>Pass&amp;word:</source>
      <translation>密碼(&amp;W)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="125" />
      <source>&amp;Save password in the system keyring</source>
      <translation>將密碼儲存在系統金鑰圈(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="126" />
      <source>Save password</source>
      <translation>儲存密碼</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="129" />
      <source>e.g. Security=SSL</source>
      <translation>例如 Security=SSL</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="130" />
      <source>Driver options</source>
      <translation>驅動程式選項</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="131" />
      <source>&amp;Options:</source>
      <translation>選項(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="140" />
      <source>Profile problem</source>
      <translation>設定檔問題</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="143" />
      <source>&amp;Test connection</source>
      <translation>測試連線(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="144" />
      <source>Test connection</source>
      <translation>測試連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="145" />
      <source>Sa&amp;ve profile</source>
      <translation>儲存設定檔(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="146" />
      <source>Save profile</source>
      <translation>儲存設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="153" />
      <source>Connection test result</source>
      <translation>連線測試結果</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="272" />
      <source>&amp;Database file:</source>
      <translation>資料庫檔案(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="274" />
      <source>path of the .db file on the server</source>
      <translation>伺服器上 .db 檔案的路徑</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="276" />
      <source>The job's server opens this file: give a path that exists on that machine.</source>
      <translation>執行工作的伺服器會開啟此檔案：請輸入該機器上存在的路徑。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="281" />
      <source>Leave the port at "default" to use {0}.</source>
      <translation>埠保留為「預設」即使用 {0}。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="311" />
      <source>saved; type to replace</source>
      <translation>已儲存；輸入即可取代</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="312" />
      <source>not saved; asked for when a job is submitted</source>
      <translation>未儲存；提交工作時會詢問</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="314" />
      <source>not used for SQLite</source>
      <translation>SQLite 不使用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="321" />
      <source>Test connection: not available for {0}</source>
      <translation>測試連線：不支援 {0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="322" />
      <source>Test connection: needs {0}</source>
      <translation>測試連線：需要 {0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="326" />
      <source>SQLite database file</source>
      <translation>SQLite 資料庫檔案</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="327" />
      <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
      <translation>SQLite 資料庫 (*.db *.sqlite *.sqlite3);;所有檔案 (*)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="341" />
      <source>New connection</source>
      <translation>新連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="358" />
      <source>Saved. No system keyring is available, so the password is kept only until PMDesk closes.</source>
      <translation>已儲存。沒有可用的系統金鑰圈，因此密碼只會保留到 PMDesk 關閉為止。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="362" />
      <source>Saved.</source>
      <translation>已儲存。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="375" />
      <source>Delete the connection profile {0} and its saved password? Jobs already submitted are not affected.</source>
      <translation>要刪除連線設定檔 {0} 及其已儲存的密碼嗎？已提交的工作不受影響。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="407" />
      <source>Unsaved profile</source>
      <translation>未儲存的設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="407" />
      <source>This connection profile cannot be saved: {0}

Discard your changes?</source>
      <translation>此連線設定檔無法儲存：{0}

要捨棄您的變更嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="424" />
      <source>Connecting...</source>
      <translation>正在連線...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="438" />
      <source>The connection test failed: {0}</source>
      <translation>連線測試失敗：{0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="61" />
      <source>Database connections</source>
      <translation>資料庫連線</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="67" />
      <source>No system keyring was found: passwords you enter are kept in memory only until PMDesk closes. After that, PMDesk asks for them when you submit a job.</source>
      <translation>找不到系統金鑰圈：您輸入的密碼只會保留在記憶體中，直到 PMDesk 關閉。之後提交工作時，PMDesk 會再詢問密碼。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="72" />
      <source>Keyring notice</source>
      <translation>金鑰圈通知</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="79" />
      <source>Connection profiles</source>
      <translation>連線設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="82" />
      <source>&amp;New</source>
      <translation>新增(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="83" />
      <source>New profile</source>
      <translation>新增設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="84" />
      <source>&amp;Delete</source>
      <translation>刪除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="85" />
      <source>Delete profile</source>
      <translation>刪除設定檔</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="94" />
      <source>Profile name</source>
      <translation>設定檔名稱</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="95" />
      <source>&amp;Name:</source>
      <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="98" />
      <source>Database type</source>
      <translation>資料庫類型</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/profiles_dialog.py" line="99" />
      <source>&amp;Type:</source>
      <translation>類型(&amp;T)：</translation>
    </message>
  </context>
  <context>
    <name>SubmitFlow</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="138" />
      <source>{0} (profile {1})</source>
      <translation>{0}（設定檔 {1}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="148" />
      <source>{0} ({1})</source>
      <translation>{0}（{1}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="155" />
      <source>No system keyring is available on this computer, so PMDesk cannot save database passwords. What you type here is kept in memory until PMDesk closes.</source>
      <translation>這台電腦沒有可用的系統金鑰圈，因此 PMDesk 無法儲存資料庫密碼。您在此輸入的內容只會保留在記憶體中，直到 PMDesk 關閉。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="188" />
      <source>Resubmit job</source>
      <translation>重新提交工作</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="188" />
      <source>Resubmit the job {0}? Its definition is replaced by this one and it runs again; results of its earlier run are discarded.</source>
      <translation>要重新提交工作 {0} 嗎？其定義會被取代並再次執行；先前執行的結果將被捨棄。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="191" />
      <source>Resubmit</source>
      <translation>重新提交</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="203" />
      <source>Resubmitting {0}...</source>
      <translation>正在重新提交 {0}...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="204" />
      <source>Submitting {0}...</source>
      <translation>正在提交 {0}...</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="222" />
      <source>Job {0} was resubmitted and is queued to run again.</source>
      <translation>工作 {0} 已重新提交，正在排隊等待再次執行。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="225" />
      <source>Job {0} was submitted and is queued to run.</source>
      <translation>工作 {0} 已提交，正在排隊等待執行。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="238" />
      <source>Job id in use</source>
      <translation>工作 ID 已被使用</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="238" />
      <source>A job called {0} already exists on the server. Resubmit it with this definition? It is replaced and runs again; results of its earlier run are discarded.</source>
      <translation>伺服器上已有名為 {0} 的工作。要以此定義重新提交嗎？它會被取代並再次執行；先前執行的結果將被捨棄。</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="245" />
      <source>The job was not submitted: {0}</source>
      <translation>工作未提交：{0}</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="80" />
      <source>Check the stream</source>
      <translation>檢查串流</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="80" />
      <source>The job does not match its stream:

{0}

Submit it anyway?</source>
      <translation>工作與其串流不符：

{0}

仍要提交嗎？</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/submit.py" line="84" />
      <source>Submit anyway</source>
      <translation>仍要提交</translation>
    </message>
  </context>
  <context>
    <name>TemplateStore</name>
    <message>
      <location filename="../../pmdesk/desktop/editor/templates.py" line="88" />
      <source>Sample: {0} ({1})</source>
      <translation>範例：{0}（{1}）</translation>
    </message>
    <message>
      <location filename="../../pmdesk/desktop/editor/templates.py" line="90" />
      <source>Sample: {0}</source>
      <translation>範例：{0}</translation>
    </message>
  </context>
</TS>
