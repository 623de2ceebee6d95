export { createWindowsMapper, windowsMapper, type WindowsMapperOptions } from './windows-mapper';
export { readWindowsRecord, type WinRecord, type WindowsLayout } from './record';
