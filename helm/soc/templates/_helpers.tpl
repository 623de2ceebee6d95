{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "soc.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name; a release already named like the chart is not doubled. */}}
{{- define "soc.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "soc.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "soc.labels" -}}
helm.sh/chart: {{ include "soc.chart" . }}
app.kubernetes.io/name: {{ include "soc.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: soc
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "component" "ingest"). */}}
{{- define "soc.selectorLabels" -}}
app.kubernetes.io/name: {{ include "soc.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Name of one component's objects; call with (dict "root" $ "component" "ingest"). */}}
{{- define "soc.componentName" -}}
{{- printf "%s-%s" (include "soc.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "soc.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "soc.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "soc.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret the pods read: the operator's existing one, or the one this chart renders. */}}
{{- define "soc.secretName" -}}
{{- default (include "soc.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Whether a SOC_SERVICES value includes a service that serves HTTP (ingest or api). */}}
{{- /* Every process serves /healthz, /readyz and /metrics, worker-only ones included. */ -}}
{{- define "soc.servesHttp" -}}true{{- end -}}

{{/* The Service in front of the HTTP API (for the Ingress and NOTES). */}}
{{- define "soc.apiServiceName" -}}
{{- if .Values.embedded.enabled -}}
{{- include "soc.fullname" . -}}
{{- else -}}
{{- include "soc.componentName" (dict "root" . "component" "api") -}}
{{- end -}}
{{- end -}}

{{/* HTTP probes of pods that serve HTTP. */}}
{{- define "soc.httpProbes" -}}
{{- range $kind := list "startup" "liveness" "readiness" }}
{{ $kind }}Probe:
  {{- $p := index $.Values.probes $kind }}
  httpGet:
    path: {{ $p.path }}
    port: http
  periodSeconds: {{ $p.periodSeconds }}
  timeoutSeconds: {{ $p.timeoutSeconds }}
  failureThreshold: {{ $p.failureThreshold }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by the Deployments and the embedded StatefulSet. */}}
{{- define "soc.podSpecCommon" -}}
serviceAccountName: {{ include "soc.serviceAccountName" . }}
automountServiceAccountToken: false
enableServiceLinks: false
terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Container fields shared by every SOC container. */}}
{{- define "soc.containerCommon" -}}
image: {{ include "soc.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
securityContext:
  {{- toYaml .Values.containerSecurityContext | nindent 2 }}
envFrom:
  - configMapRef:
      name: {{ include "soc.fullname" . }}
  - secretRef:
      name: {{ include "soc.secretName" . }}
{{- end -}}

{{/* Pod annotations: config/secret checksums roll the pods when settings change. */}}
{{- define "soc.podAnnotations" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.secrets.existingSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- with .Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}
