import { createHash } from 'node:crypto';

/** PE version metadata Sysmon reports for an image. */
export interface ImageMeta {
  path: string;
  fileVersion: string;
  description: string;
  product: string;
  company: string;
  originalFileName: string;
}

const MS = 'Microsoft Corporation';
const WIN = 'Microsoft® Windows® Operating System';

function ms(path: string, description: string, version = '10.0.19041.1 (WinBuild.160101.0800)'): ImageMeta {
  const file = path.split('\\').pop() as string;
  return { path, fileVersion: version, description, product: WIN, company: MS, originalFileName: file.toUpperCase() === file ? file : file };
}

/** Images that appear in the scenario, by a short key. */
export const IMAGES: Record<string, ImageMeta> = {
  explorer: ms('C:\\Windows\\explorer.exe', 'Windows Explorer'),
  userinit: ms('C:\\Windows\\System32\\userinit.exe', 'Userinit Logon Application'),
  svchost: ms('C:\\Windows\\System32\\svchost.exe', 'Host Process for Windows Services'),
  services: ms('C:\\Windows\\System32\\services.exe', 'Services and Controller app'),
  cmd: ms('C:\\Windows\\System32\\cmd.exe', 'Windows Command Processor'),
  powershell: ms('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'Windows PowerShell'),
  conhost: ms('C:\\Windows\\System32\\conhost.exe', 'Console Window Host'),
  taskhostw: ms('C:\\Windows\\System32\\taskhostw.exe', 'Host Process for Windows Tasks'),
  backgroundTaskHost: ms('C:\\Windows\\System32\\backgroundTaskHost.exe', 'Background Task Host'),
  searchProtocolHost: ms('C:\\Windows\\System32\\SearchProtocolHost.exe', 'Microsoft Windows Search Protocol Host'),
  wmiPrvSE: ms('C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', 'WMI Provider Host'),
  rundll32: ms('C:\\Windows\\System32\\rundll32.exe', 'Windows host process (Rundll32)'),
  lsass: ms('C:\\Windows\\System32\\lsass.exe', 'Local Security Authority Process'),
  whoami: ms('C:\\Windows\\System32\\whoami.exe', 'whoami - displays logged on user information'),
  net: ms('C:\\Windows\\System32\\net.exe', 'Net Command'),
  nltest: ms('C:\\Windows\\System32\\nltest.exe', 'Microsoft® Logon Server Test Utility'),
  gpupdate: ms('C:\\Windows\\System32\\gpupdate.exe', 'Microsoft® Group Policy Update Utility'),
  mmc: ms('C:\\Windows\\System32\\mmc.exe', 'Microsoft Management Console'),
  mstsc: ms('C:\\Windows\\System32\\mstsc.exe', 'Remote Desktop Connection'),
  sqlservr: { path: 'C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe', fileVersion: '2022.160.4135.4', description: 'SQL Server Windows NT - 64 Bit', product: 'Microsoft SQL Server', company: MS, originalFileName: 'sqlservr.exe' },
  chrome: { path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', fileVersion: '131.0.6778.140', description: 'Google Chrome', product: 'Google Chrome', company: 'Google LLC', originalFileName: 'chrome.exe' },
  outlook: { path: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', fileVersion: '16.0.17928.20216', description: 'Microsoft Outlook', product: 'Microsoft Outlook', company: MS, originalFileName: 'Outlook.exe' },
  winword: { path: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', fileVersion: '16.0.17928.20216', description: 'Microsoft Word', product: 'Microsoft Office', company: MS, originalFileName: 'WinWord.exe' },
  excel: { path: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', fileVersion: '16.0.17928.20216', description: 'Microsoft Excel', product: 'Microsoft Office', company: MS, originalFileName: 'Excel.exe' },
  teams: { path: 'C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe', fileVersion: '24295.605.3225.8804', description: 'Microsoft Teams', product: 'Microsoft Teams', company: MS, originalFileName: 'ms-teams.exe' },
  onedrive: { path: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', fileVersion: '24.226.1110.0004', description: 'Microsoft OneDrive', product: 'Microsoft OneDrive', company: MS, originalFileName: 'OneDrive.exe' },
  code: { path: 'C:\\Users\\%USER%\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', fileVersion: '1.96.2', description: 'Visual Studio Code', product: 'Visual Studio Code', company: MS, originalFileName: 'electron.exe' },
  git: { path: 'C:\\Program Files\\Git\\cmd\\git.exe', fileVersion: '2.47.1.windows.1', description: 'Git for Windows', product: 'Git', company: 'The Git Development Community', originalFileName: 'git.exe' },
  slack: { path: 'C:\\Users\\%USER%\\AppData\\Local\\slack\\app-4.41.105\\slack.exe', fileVersion: '4.41.105', description: 'Slack', product: 'Slack', company: 'Slack Technologies Inc.', originalFileName: 'slack.exe' },
  agentExecutor: { path: 'C:\\Program Files (x86)\\Microsoft Intune Management Extension\\AgentExecutor.exe', fileVersion: '1.83.107.0', description: 'AgentExecutor', product: 'Microsoft Intune Management Extension', company: MS, originalFileName: 'AgentExecutor.exe' },
  psexec: { path: 'C:\\Users\\Public\\PsExec64.exe', fileVersion: '2.43', description: 'Execute processes remotely', product: 'Sysinternals PsExec', company: 'Sysinternals - www.sysinternals.com', originalFileName: 'psexec.exe' },
  psexesvc: { path: 'C:\\Windows\\PSEXESVC.exe', fileVersion: '2.43', description: 'PsExec Service', product: 'Sysinternals PsExec', company: 'Sysinternals - www.sysinternals.com', originalFileName: 'psexesvc.exe' },
  procdump: { path: 'C:\\Users\\Public\\pd64.exe', fileVersion: '11.0', description: 'Sysinternals process dump utility', product: 'ProcDump', company: 'Sysinternals - www.sysinternals.com', originalFileName: 'procdump' },
};

/** The image path with the per-user placeholder filled in. */
export function imagePath(meta: ImageMeta, sam: string): string {
  return meta.path.replace('%USER%', sam);
}

/** The `Hashes` field Sysmon writes; derived from the path so it is stable across runs. */
const hashCache = new Map<string, string>();

export function imageHashes(path: string): string {
  const cached = hashCache.get(path);
  if (cached !== undefined) return cached;
  const h = (algo: string): string => createHash(algo).update(path.toLowerCase()).digest('hex').toUpperCase();
  const value = `SHA1=${h('sha1')},MD5=${h('md5')},SHA256=${h('sha256')},IMPHASH=${h('md5').split('').reverse().join('')}`;
  hashCache.set(path, value);
  return value;
}
