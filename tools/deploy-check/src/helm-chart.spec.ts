import { readdirSync } from 'node:fs';
import { definedTemplates, hasValuesPath, structureProblems, usedTemplates, valuesPaths } from './go-template';
import { knownSocVariables, secretSocVariables, socServicesProblems, socVariablesIn, stackServiceNames } from './env-refs';
import { asMap, readRepoFile, readRepoYaml, repoPath } from './repo';

const CHART = 'helm/soc';
const templateFiles = readdirSync(repoPath(`${CHART}/templates`)).filter((f) => /\.(ya?ml|tpl|txt)$/.test(f));
const templates = new Map(templateFiles.map((f) => [f, readRepoFile(`${CHART}/templates/${f}`)]));
const values = asMap(readRepoYaml(`${CHART}/values.yaml`), 'values.yaml');
const services = asMap(values.services, 'values.services');

describe('helm/soc chart', () => {
  it('Chart.yaml is a v2 application chart with a version and appVersion', () => {
    const chart = asMap(readRepoYaml(`${CHART}/Chart.yaml`), 'Chart.yaml');
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'soc', type: 'application' });
    expect(String(chart.version)).toMatch(/^\d+\.\d+\.\d+/);
    expect(String(chart.appVersion)).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has the templates the deployment needs', () => {
    for (const f of ['_helpers.tpl', 'NOTES.txt', 'deployments.yaml', 'services.yaml', 'configmap.yaml', 'secret.yaml', 'serviceaccount.yaml', 'pdb.yaml', 'hpa.yaml', 'networkpolicy.yaml', 'ingress.yaml', 'statefulset.yaml']) {
      expect(templateFiles).toContain(f);
    }
  });

  it.each(templateFiles)('%s: every {{ }} action is closed and every block balanced', (file) => {
    expect(structureProblems(templates.get(file) ?? '')).toEqual([]);
  });

  it.each(templateFiles)('%s: reads only .Values keys that values.yaml defines', (file) => {
    const missing = valuesPaths(templates.get(file) ?? '').filter((p) => !hasValuesPath(values, p)).map((p) => p.join('.'));
    expect(missing).toEqual([]);
  });

  it('includes only templates that some file defines', () => {
    const defined = new Set([...templates.values()].flatMap(definedTemplates));
    const used = [...templates.values()].flatMap(usedTemplates);
    expect(used.filter((n) => !defined.has(n))).toEqual([]);
  });

  it('names only SOC_* variables that the stack reads', () => {
    const known = knownSocVariables();
    const texts = [readRepoFile(`${CHART}/values.yaml`), ...templates.values()];
    expect(texts.flatMap(socVariablesIn).filter((v) => !known.has(v))).toEqual([]);
  });

  it('defines one service entry per SOC service, each with a valid SOC_SERVICES value', () => {
    const names = stackServiceNames();
    expect(Object.keys(services).sort()).toEqual([...names].sort());
    for (const [name, raw] of Object.entries(services)) {
      const svc = asMap(raw, `services.${name}`);
      expect({ name, problems: socServicesProblems(String(svc.socServices), names) }).toEqual({ name, problems: [] });
      expect(Number.isInteger(svc.replicas)).toBe(true);
      expect(asMap(svc.resources, `services.${name}.resources`)).toHaveProperty('requests');
      expect(typeof asMap(svc.autoscaling, `services.${name}.autoscaling`).enabled).toBe('boolean');
    }
  });

  it('exposes ingest (http + syslog) and api through Services and can autoscale ingest and normalize', () => {
    const svc = (n: string): Record<string, unknown> => asMap(services[n], n);
    expect(asMap(svc('ingest').service, 'ingest.service').enabled).toBe(true);
    expect(svc('ingest').syslog).toBe(true);
    expect(asMap(svc('api').service, 'api.service').enabled).toBe(true);
    for (const n of ['ingest', 'normalize']) {
      expect(asMap(svc(n).autoscaling, n)).toEqual(expect.objectContaining({ minReplicas: expect.any(Number), maxReplicas: expect.any(Number), targetCPUUtilizationPercentage: expect.any(Number) }));
    }
  });

  it('hardens pods: non-root, read-only root, no capabilities, RuntimeDefault seccomp, no SA token', () => {
    expect(values.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(values.containerSecurityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expect(templates.get('serviceaccount.yaml')).toMatch(/^automountServiceAccountToken: false$/m);
    expect(templates.get('_helpers.tpl')).toMatch(/^automountServiceAccountToken: false$/m);
    // A read-only root needs a writable /tmp (tsx's compile cache) in every pod.
    for (const f of ['deployments.yaml', 'statefulset.yaml']) expect(templates.get(f)).toMatch(/mountPath: \/tmp/);
  });

  it('probes /healthz for liveness and /readyz for readiness', () => {
    const probes = asMap(values.probes, 'probes');
    expect(asMap(probes.liveness, 'liveness').path).toBe('/healthz');
    expect(asMap(probes.readiness, 'readiness').path).toBe('/readyz');
  });

  it('commits no secret values and keeps secrets out of the ConfigMap', () => {
    const secrets = asMap(values.secrets, 'secrets');
    for (const key of ['stateUrl', 'bootstrapApiKey', 'clickhousePassword', 'existingSecret']) expect(secrets[key]).toBe('');
    const configMap = templates.get('configmap.yaml') ?? '';
    expect(secretSocVariables().filter((v) => configMap.includes(v))).toEqual([]);
    for (const v of ['SOC_BOOTSTRAP_API_KEY', 'SOC_STATE_URL', 'SOC_CLICKHOUSE_PASSWORD']) expect(templates.get('secret.yaml')).toContain(v);
  });
});
