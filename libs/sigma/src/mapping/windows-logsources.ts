/**
 * Which Windows events each Sigma logsource covers, as SigmaHQ's THOR configuration
 * (tests/thor.yml) defines them, written in our own structure: a service is a set of event
 * log channels; a category is a service plus EventIDs (and, for some, extra EventData
 * conditions and field renames). Entries of thor.yml that differ only in one condition's
 * values are merged into one entry (registry_event is EventID 12, 13 or 14).
 */

/** Event log channels of each `product: windows` service. */
export const WINDOWS_SERVICE_CHANNELS: Readonly<Record<string, readonly string[]>> = {
  application: ['Application'],
  security: ['Security'],
  system: ['System'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  sysmon: ['Microsoft-Windows-Sysmon/Operational'],
  powershell: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
  'powershell-classic': ['Windows PowerShell'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'smbserver-connectivity': ['Microsoft-Windows-SMBServer/Connectivity'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'terminalservices-localsessionmanager': ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'msexchange-management': ['MSExchange Management'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  openssh: ['OpenSSH/Operational'],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  bitlocker: ['Microsoft-Windows-BitLocker/BitLocker Management'],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': ['Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational'],
  'kernel-shimengine': ['Microsoft-Windows-Kernel-ShimEngine/Operational', 'Microsoft-Windows-Kernel-ShimEngine/Diagnostic'],
  'application-experience': [
    'Microsoft-Windows-Application-Experience/Program-Telemetry',
    'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant',
  ],
  ntfs: ['Microsoft-Windows-Ntfs/Operational'],
  'hyper-v-worker': ['Microsoft-Windows-Hyper-V-Worker'],
  'kernel-event-tracing': ['Microsoft-Windows-Kernel-EventTracing'],
  sense: ['Microsoft-Windows-SENSE/Operational'],
  'servicebus-client': ['Microsoft-ServiceBus-Client/Admin', 'Microsoft-ServiceBus-Client/Operational'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
};

/** One way a category is produced: the service (hence channels) and the EventIDs. */
export interface WindowsCategorySource {
  /** Variant name, e.g. `sysmon-1`, `security-4688`. */
  name: string;
  service: string;
  eventIds: readonly number[];
  /** Further EventData conditions (field -> any of values). */
  where?: Readonly<Record<string, readonly string[]>>;
  /** Sigma field -> field of the event (thor.yml `fieldmappings`). */
  renames?: Readonly<Record<string, string>>;
}

const sysmon = (category: string, ...eventIds: number[]): [string, WindowsCategorySource[]] => [
  category,
  [{ name: `sysmon-${eventIds.join('-')}`, service: 'sysmon', eventIds }],
];

const DEFENDER_DETECTION_IDS = [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116];

/** `category` logsources: product windows (thor.yml gives `antivirus` no product; a rule may omit it). */
export const WINDOWS_CATEGORIES: Readonly<Record<string, readonly WindowsCategorySource[]>> = Object.fromEntries([
  [
    'process_creation',
    [
      { name: 'sysmon-1', service: 'sysmon', eventIds: [1] },
      { name: 'security-4688', service: 'security', eventIds: [4688], renames: { Image: 'NewProcessName', ParentImage: 'ParentProcessName' } },
    ],
  ],
  sysmon('file_change', 2),
  sysmon('network_connection', 3),
  sysmon('sysmon_status', 4, 16),
  sysmon('process_termination', 5),
  sysmon('driver_load', 6),
  sysmon('image_load', 7),
  sysmon('create_remote_thread', 8),
  sysmon('raw_access_thread', 9),
  sysmon('process_access', 10),
  sysmon('file_event', 11),
  sysmon('registry_event', 12, 13, 14),
  ['registry_add', [{ name: 'sysmon-12-createkey', service: 'sysmon', eventIds: [12], where: { EventType: ['CreateKey'] } }]],
  ['registry_delete', [{ name: 'sysmon-12-delete', service: 'sysmon', eventIds: [12], where: { EventType: ['DeleteKey', 'DeleteValue'] } }]],
  sysmon('registry_set', 13),
  sysmon('registry_rename', 14),
  sysmon('create_stream_hash', 15),
  sysmon('pipe_created', 17, 18),
  sysmon('wmi_event', 19, 20, 21),
  sysmon('dns_query', 22),
  sysmon('file_delete', 23),
  sysmon('clipboard_change', 24),
  sysmon('process_tampering', 25),
  sysmon('file_delete_detected', 26),
  sysmon('file_block_executable', 27),
  sysmon('file_block_shredding', 28),
  sysmon('file_executable_detected', 29),
  sysmon('sysmon_error', 255),
  ['ps_module', [{ name: 'powershell-4103', service: 'powershell', eventIds: [4103] }]],
  ['ps_script', [{ name: 'powershell-4104', service: 'powershell', eventIds: [4104] }]],
  ['ps_classic_start', [{ name: 'powershell-classic-400', service: 'powershell-classic', eventIds: [400] }]],
  ['ps_classic_provider_start', [{ name: 'powershell-classic-600', service: 'powershell-classic', eventIds: [600] }]],
  ['ps_classic_script', [{ name: 'powershell-classic-800', service: 'powershell-classic', eventIds: [800] }]],
  [
    'antivirus',
    [{ name: 'windefend-detection', service: 'windefend', eventIds: DEFENDER_DETECTION_IDS, renames: { Signature: 'ThreatName', Filename: 'Path' } }],
  ],
]);

