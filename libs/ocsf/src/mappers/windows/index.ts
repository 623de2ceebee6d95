export { windowsMapper } from './windows-mapper';
export { readWindowsRecord, type WinRecord, type WindowsLayout } from './record';
