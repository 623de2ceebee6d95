/** Static vocabularies the world is drawn from (synthetic people, places and software). */

export const FIRST_NAMES = [
  'Alice', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Isabel', 'James', 'Kavya', 'Liam',
  'Maria', 'Noah', 'Olivia', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera', 'William', 'Xin',
  'Yusuf', 'Zoe', 'Aaron', 'Beatriz', 'Chen', 'Daniela', 'Ethan', 'Fatima', 'Gabriel', 'Hannah', 'Ivan',
  'Julia', 'Kenji', 'Laura', 'Mateo', 'Nadia', 'Oscar', 'Paula', 'Rahul', 'Sofia', 'Thomas', 'Ursula',
  'Victor', 'Wendy', 'Yara', 'Zach', 'Amir', 'Chloe', 'Diego', 'Emma', 'Felix', 'Ingrid', 'Jonas', 'Lena',
];

export const LAST_NAMES = [
  'Anderson', 'Brooks', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen',
  'Kowalski', 'Lopez', 'Murphy', 'Nakamura', "O'Neill", 'Patel', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka',
  'Uddin', 'Vargas', 'Weber', 'Xu', 'Young', 'Zimmermann', 'Bauer', 'Chowdhury', 'Delgado', 'Evans',
  'Fontaine', 'Gupta', 'Hansen', 'Iqbal', 'Kim', 'Lindqvist', 'Moreau', 'Nguyen', 'Okafor', 'Park',
  'Reyes', 'Silva', 'Turner', 'Varga', 'Walsh', 'Yilmaz', 'Novak', 'Morgan', 'Baker', 'Cohen',
];

/** Department, relative size, whether its people write code, typical titles. */
export const DEPARTMENTS: readonly { name: string; weight: number; engineer: boolean; titles: string[] }[] = [
  { name: 'Engineering', weight: 34, engineer: true, titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'SRE'] },
  { name: 'Data', weight: 8, engineer: true, titles: ['Data Engineer', 'Data Scientist'] },
  { name: 'IT', weight: 6, engineer: false, titles: ['IT Administrator', 'Systems Administrator', 'Helpdesk Technician'] },
  { name: 'Sales', weight: 16, engineer: false, titles: ['Account Executive', 'Sales Manager', 'SDR'] },
  { name: 'Finance', weight: 8, engineer: false, titles: ['Accountant', 'Financial Analyst', 'Controller'] },
  { name: 'HR', weight: 5, engineer: false, titles: ['HR Business Partner', 'Recruiter'] },
  { name: 'Marketing', weight: 10, engineer: false, titles: ['Marketing Manager', 'Content Lead'] },
  { name: 'Operations', weight: 8, engineer: false, titles: ['Operations Manager', 'Customer Success Manager'] },
  { name: 'Legal', weight: 5, engineer: false, titles: ['Counsel', 'Paralegal'] },
];

/**
 * Where people sit. Offsets are fixed (no DST) so the same seed gives the same local hours
 * whatever the calendar date. `ipPrefixes` are residential-looking /16s for home and travel.
 */
export const LOCATIONS: readonly {
  country: string; countryName: string; city: string; state: string; tz: string; offsetMin: number;
  lat: number; lon: number; ipPrefixes: string[]; weight: number;
}[] = [
  { country: 'US', countryName: 'United States', city: 'New York', state: 'New York', tz: 'America/New_York', offsetMin: -300, lat: 40.71, lon: -74.0, ipPrefixes: ['73.112', '98.14', '24.90'], weight: 45 },
  { country: 'US', countryName: 'United States', city: 'Chicago', state: 'Illinois', tz: 'America/Chicago', offsetMin: -360, lat: 41.88, lon: -87.63, ipPrefixes: ['67.175', '71.201'], weight: 12 },
  { country: 'US', countryName: 'United States', city: 'San Francisco', state: 'California', tz: 'America/Los_Angeles', offsetMin: -480, lat: 37.77, lon: -122.42, ipPrefixes: ['76.102', '108.65'], weight: 15 },
  { country: 'GB', countryName: 'United Kingdom', city: 'London', state: 'England', tz: 'Europe/London', offsetMin: 0, lat: 51.51, lon: -0.13, ipPrefixes: ['81.98', '86.144'], weight: 12 },
  { country: 'DE', countryName: 'Germany', city: 'Berlin', state: 'Berlin', tz: 'Europe/Berlin', offsetMin: 60, lat: 52.52, lon: 13.4, ipPrefixes: ['88.130', '91.64'], weight: 8 },
  { country: 'IN', countryName: 'India', city: 'Bengaluru', state: 'Karnataka', tz: 'Asia/Kolkata', offsetMin: 330, lat: 12.97, lon: 77.59, ipPrefixes: ['49.207', '106.51'], weight: 8 },
];

/** Places where travelling staff show up (conferences, customer visits). */
export const TRAVEL_SPOTS: readonly { country: string; countryName: string; city: string; state: string; lat: number; lon: number; ipPrefix: string }[] = [
  { country: 'FR', countryName: 'France', city: 'Paris', state: 'Ile-de-France', lat: 48.86, lon: 2.35, ipPrefix: '90.84' },
  { country: 'JP', countryName: 'Japan', city: 'Tokyo', state: 'Tokyo', lat: 35.68, lon: 139.69, ipPrefix: '126.219' },
  { country: 'SG', countryName: 'Singapore', city: 'Singapore', state: 'Singapore', lat: 1.35, lon: 103.82, ipPrefix: '116.87' },
  { country: 'ES', countryName: 'Spain', city: 'Barcelona', state: 'Catalonia', lat: 41.39, lon: 2.17, ipPrefix: '83.45' },
  { country: 'CA', countryName: 'Canada', city: 'Toronto', state: 'Ontario', lat: 43.65, lon: -79.38, ipPrefix: '99.231' },
];

/** Public destinations workstations talk to: domain and the address it resolves to. */
export const SAAS_DESTINATIONS: readonly { domain: string; ip: string; weight: number }[] = [
  { domain: 'outlook.office365.com', ip: '52.96.165.18', weight: 12 },
  { domain: 'teams.microsoft.com', ip: '52.113.194.132', weight: 10 },
  { domain: 'login.microsoftonline.com', ip: '20.190.151.68', weight: 5 },
  { domain: 'www.google.com', ip: '142.250.80.36', weight: 8 },
  { domain: 'kestrel-analytics.okta.com', ip: '3.222.153.4', weight: 4 },
  { domain: 'slack.com', ip: '34.235.98.120', weight: 6 },
  { domain: 'github.com', ip: '140.82.112.4', weight: 5 },
  { domain: 'api.github.com', ip: '140.82.113.5', weight: 3 },
  { domain: 'kestrel.atlassian.net', ip: '185.166.143.9', weight: 5 },
  { domain: 'docs.google.com', ip: '142.250.65.78', weight: 4 },
  { domain: 'salesforce.com', ip: '13.110.54.12', weight: 3 },
  { domain: 'console.aws.amazon.com', ip: '54.239.28.85', weight: 2 },
  { domain: 'zoom.us', ip: '170.114.52.2', weight: 3 },
  { domain: 'www.linkedin.com', ip: '13.107.42.14', weight: 2 },
  { domain: 'onedrive.live.com', ip: '13.107.42.13', weight: 3 },
  { domain: 'update.googleapis.com', ip: '142.250.72.99', weight: 1 },
  { domain: 'stackoverflow.com', ip: '104.18.32.7', weight: 2 },
  { domain: 'cdn.jsdelivr.net', ip: '151.101.1.229', weight: 1 },
];

/** Plain-HTTP destinations (seen by Zeek http.log): CRL/OCSP and update endpoints. */
export const HTTP_DESTINATIONS: readonly { host: string; ip: string; uri: string; ua: string; mime: string }[] = [
  { host: 'ocsp.digicert.com', ip: '192.229.211.108', uri: '/MFEwTzBNMEswSTAJBgUrDgMCGgUABBQ50otx', ua: 'Microsoft-CryptoAPI/10.0', mime: 'application/ocsp-response' },
  { host: 'crl.microsoft.com', ip: '23.52.40.33', uri: '/pki/crl/products/MicRooCerAut2011_2011_03_22.crl', ua: 'Microsoft-CryptoAPI/10.0', mime: 'application/pkix-crl' },
  { host: 'ctldl.windowsupdate.com', ip: '93.184.221.240', uri: '/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab', ua: 'Microsoft-CryptoAPI/10.0', mime: 'application/vnd.ms-cab-compressed' },
  { host: 'www.msftconnecttest.com', ip: '23.215.0.136', uri: '/connecttest.txt', ua: 'Microsoft NCSI', mime: 'text/plain' },
];

/** GitHub repositories of the company. */
export const REPOS = ['platform-api', 'web-app', 'data-pipeline', 'infra-terraform', 'mobile-app', 'billing-service', 'docs', 'ml-models', 'auth-gateway', 'helm-charts'];

/** Browser user agents by workstation OS. */
export const WIN_CHROME_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const MAC_CHROME_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';
