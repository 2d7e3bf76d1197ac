{{/* The chart name, overridable so two charts can share a namespace without clashing. */}}
{{- define "stockwise.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release-scoped prefix of every object name, kept under the 63-character DNS limit. */}}
{{- define "stockwise.fullname" -}}
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

{{/* "name-version" for helm.sh/chart: tells which chart release made an object. */}}
{{- define "stockwise.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of release-wide objects (Secrets, ConfigMaps, rules); workloads add a component. */}}
{{- define "stockwise.labels" -}}
helm.sh/chart: {{ include "stockwise.chart" . }}
{{ include "stockwise.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stockwise
{{- with .Values.global.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selectors hold name and instance only: they are immutable, so nothing version-dependent. */}}
{{- define "stockwise.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stockwise.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
The per-service helpers take a dict {root: $, svc: "<key>", cfg: <services.key block>} so one set
of templates serves every service instead of four copies.
*/}}

{{/* "<fullname>-<svc>": the name of a service's Deployment, Service and friends. */}}
{{- define "stockwise.svc.fullname" -}}
{{- printf "%s-%s" (include "stockwise.fullname" .root) .svc | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* A service's selector: the release selector plus its component. */}}
{{- define "stockwise.svc.selectorLabels" -}}
{{ include "stockwise.selectorLabels" .root }}
app.kubernetes.io/component: {{ .svc }}-service
{{- end -}}

{{/* A service's labels: release labels plus its component. */}}
{{- define "stockwise.svc.labels" -}}
{{ include "stockwise.labels" .root }}
app.kubernetes.io/component: {{ .svc }}-service
{{- end -}}

{{/* Image reference: per-service repository/tag, else the global registry and tag, else appVersion. */}}
{{- define "stockwise.svc.image" -}}
{{- $g := .root.Values.global.image -}}
{{- $repo := .cfg.image.repository | default (printf "%s/%s-service" $g.registry .svc) -}}
{{- $tag := .cfg.image.tag | default $g.tag | default .root.Chart.AppVersion -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "stockwise.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "stockwise.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the database password: the user's existingSecret or the chart's own. */}}
{{- define "stockwise.postgresql.secretName" -}}
{{- .Values.postgresql.existingSecret | default (printf "%s-postgresql" (include "stockwise.fullname" .)) -}}
{{- end -}}

{{/* JDBC URL of the shared database; each service selects its schema itself (currentSchema). */}}
{{- define "stockwise.postgresql.jdbcUrl" -}}
{{- $pg := .Values.postgresql -}}
{{- printf "jdbc:postgresql://%s:%d/%s" $pg.host (int $pg.port) $pg.database -}}
{{- with $pg.jdbcParameters }}?{{ . }}{{ end -}}
{{- end -}}

{{/* Fails early, with the values key to fix, on security/TLS settings that cannot work. */}}
{{- define "stockwise.security.validate" -}}
{{- $v := .Values -}}
{{- if and $v.tls.enabled (not $v.tls.existingSecret) -}}
{{- fail "tls.enabled needs tls.existingSecret: a kubernetes.io/tls Secret with tls.crt, tls.key and ca.crt" -}}
{{- end -}}
{{- if and $v.tls.mutual (not $v.tls.enabled) -}}
{{- fail "tls.mutual needs tls.enabled" -}}
{{- end -}}
{{- if and $v.tls.mutual (not $v.management.enabled) -}}
{{- fail "tls.mutual needs management.enabled: kubelet probes and Prometheus present no client certificate, so health and metrics must be on the plain management port" -}}
{{- end -}}
{{- if and $v.security.enabled (not $v.security.jwt.publicKey) (not $v.security.jwt.existingSecret) -}}
{{- fail "security.enabled needs security.jwt.publicKey or security.jwt.existingSecret (the token issuer's public key)" -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the JWT public key: the user's existingSecret or the chart's own. */}}
{{- define "stockwise.security.jwtSecretName" -}}
{{- .Values.security.jwt.existingSecret | default (printf "%s-jwt" (include "stockwise.fullname" .)) -}}
{{- end -}}

{{/* Name and number of the port the API (gRPC) listens on: "https" with TLS, else "http". */}}
{{- define "stockwise.servingPortName" -}}
{{- if .Values.tls.enabled }}https{{ else }}http{{ end -}}
{{- end -}}
{{- define "stockwise.servingPort" -}}
{{- if .Values.tls.enabled }}{{ .Values.tls.port }}{{ else }}{{ .Values.global.containerPort }}{{ end -}}
{{- end -}}

{{/* Port name probes and the ServiceMonitor use: management when enabled, else the serving port. */}}
{{- define "stockwise.healthPortName" -}}
{{- if .Values.management.enabled }}management{{ else }}{{ include "stockwise.servingPortName" . }}{{ end -}}
{{- end -}}

{{/* Probe scheme: HTTPS only when health is served on the TLS port (kubelet does not verify it). */}}
{{- define "stockwise.healthScheme" -}}
{{- if and .Values.tls.enabled (not .Values.management.enabled) }}HTTPS{{ else }}HTTP{{ end -}}
{{- end -}}
