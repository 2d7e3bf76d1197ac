{{/*
Shared templates of one Stockwise service. Each takes the dict {root, svc, cfg} that
templates/services.yaml builds for every enabled services.<svc> block.
*/}}

{{/* gRPC clients each service needs: the Quarkus client name and the service it calls. */}}
{{- define "stockwise.svc.grpcClients" -}}
{{- $clients := dict "forecast" (list "feature") "optimizer" (list "forecast") -}}
{{- toJson (get $clients .svc | default list) -}}
{{- end -}}

{{/* Container environment: ports, database, Kafka, gRPC clients, GPU device, extras. */}}
{{- define "stockwise.svc.env" -}}
{{- $root := .root -}}
{{- $pg := $root.Values.postgresql -}}
- name: QUARKUS_HTTP_PORT
  value: {{ $root.Values.global.containerPort | quote }}
- name: JAVA_OPTS_APPEND
  value: {{ $root.Values.global.javaOpts | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ include "stockwise.postgresql.jdbcUrl" $root | quote }}
{{- if and $pg.existingSecret $pg.existingSecretUsernameKey }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $pg.existingSecret }}
      key: {{ $pg.existingSecretUsernameKey }}
{{- else }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ $pg.username | quote }}
{{- end }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "stockwise.postgresql.secretName" $root }}
      key: {{ if $pg.existingSecret }}{{ $pg.existingSecretPasswordKey }}{{ else }}password{{ end }}
{{- if $root.Values.kafka.existingSecret }}
- name: KAFKA_BOOTSTRAP_SERVERS
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.kafka.existingSecret }}
      key: {{ $root.Values.kafka.existingSecretBootstrapServersKey }}
{{- else }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $root.Values.kafka.bootstrapServers | quote }}
{{- end }}
{{- range $client := include "stockwise.svc.grpcClients" . | fromJsonArray }}
- name: QUARKUS_GRPC_CLIENTS_{{ upper $client }}_HOST
  value: {{ include "stockwise.svc.fullname" (dict "root" $root "svc" $client) | quote }}
- name: QUARKUS_GRPC_CLIENTS_{{ upper $client }}_PORT
  value: {{ $root.Values.service.grpcPort | quote }}
{{- end }}
{{- if and .cfg.gpu .cfg.gpu.enabled }}
- name: STOCKWISE_FORECAST_DEVICE
  value: {{ .cfg.gpu.device | quote }}
{{- end }}
{{- range $key, $value := .cfg.extraConfig }}
- name: {{ regexReplaceAll "[^A-Za-z0-9]" $key "_" | upper }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- with $root.Values.global.env }}
{{ toYaml . }}
{{- end }}
{{- with .cfg.env }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Deployment of one service: hardened pod, health probes, /tmp emptyDir, optional GPU. */}}
{{- define "stockwise.svc.deployment" -}}
{{- $root := .root -}}
{{- $gpu := and .cfg.gpu .cfg.gpu.enabled -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "stockwise.svc.fullname" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "stockwise.svc.labels" . | nindent 4 }}
spec:
  {{- if not $root.Values.autoscaling.enabled }}
  replicas: {{ .cfg.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "stockwise.svc.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "stockwise.svc.labels" . | nindent 8 }}
      {{- with $root.Values.global.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "stockwise.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if and $gpu .cfg.gpu.runtimeClassName }}
      runtimeClassName: {{ .cfg.gpu.runtimeClassName }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ $root.Values.securityContext.runAsUser }}
        runAsGroup: {{ $root.Values.securityContext.runAsGroup }}
        fsGroup: {{ $root.Values.securityContext.runAsGroup }}
        seccompProfile:
          type: RuntimeDefault
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .svc }}-service
          image: {{ include "stockwise.svc.image" . | quote }}
          imagePullPolicy: {{ $root.Values.global.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $root.Values.global.containerPort }}
              protocol: TCP
          env:
            {{- include "stockwise.svc.env" . | nindent 12 }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 5
            failureThreshold: {{ div $root.Values.probes.startupSeconds 5 }}
            timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: {{ $root.Values.probes.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: {{ $root.Values.probes.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
            failureThreshold: 3
          resources:
            {{- $resources := deepCopy (.cfg.resources | default dict) -}}
            {{- if $gpu -}}
            {{- $limits := $resources.limits | default dict -}}
            {{- $_ := set $limits .cfg.gpu.resourceName (int .cfg.gpu.count) -}}
            {{- $_ := set $resources "limits" $limits -}}
            {{- end }}
            {{- toYaml $resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            privileged: false
            capabilities:
              drop: ["ALL"]
            seccompProfile:
              type: RuntimeDefault
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.securityContext.tmpSizeLimit }}
      {{- $nodeSelector := deepCopy (.cfg.nodeSelector | default dict) -}}
      {{- if $gpu }}{{ $nodeSelector = merge $nodeSelector (.cfg.gpu.nodeSelector | default dict) }}{{ end }}
      {{- with $nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- $tolerations := .cfg.tolerations | default list -}}
      {{- if $gpu }}{{ $tolerations = concat $tolerations (.cfg.gpu.tolerations | default list) }}{{ end }}
      {{- with $tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      affinity:
        {{- if .cfg.affinity }}
        {{- toYaml .cfg.affinity | nindent 8 }}
        {{- else }}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "stockwise.svc.selectorLabels" . | nindent 20 }}
        {{- end }}
{{- end -}}

{{/* Service: ports http and grpc, both on the container's one HTTP/2 listener. */}}
{{- define "stockwise.svc.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "stockwise.svc.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stockwise.svc.labels" . | nindent 4 }}
spec:
  type: {{ .root.Values.service.type }}
  selector:
    {{- include "stockwise.svc.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .root.Values.service.httpPort }}
      targetPort: http
      protocol: TCP
      appProtocol: http
    - name: grpc
      port: {{ .root.Values.service.grpcPort }}
      targetPort: http
      protocol: TCP
      appProtocol: kubernetes.io/h2c
{{- end -}}

{{/* ServiceMonitor scraping /q/metrics on the http port, with a "service" label per component. */}}
{{- define "stockwise.svc.serviceMonitor" -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "stockwise.svc.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stockwise.svc.labels" . | nindent 4 }}
    {{- with .root.Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  # Dashboards and alerts group by job = ingestion-service, feature-service, ... (the component).
  jobLabel: app.kubernetes.io/component
  selector:
    matchLabels:
      {{- include "stockwise.svc.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ .root.Values.serviceMonitor.interval }}
      scrapeTimeout: {{ .root.Values.serviceMonitor.scrapeTimeout }}
      # The gRPC metrics carry their own "service" label (stockwise.v1.FeatureService); keep it
      # rather than let the operator's Kubernetes-Service target label rename it exported_service.
      honorLabels: true
{{- end -}}

{{/* PodDisruptionBudget: at most maxUnavailable pods of the service voluntarily down. */}}
{{- define "stockwise.svc.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "stockwise.svc.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stockwise.svc.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .root.Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "stockwise.svc.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/* HorizontalPodAutoscaler on CPU utilisation. */}}
{{- define "stockwise.svc.hpa" -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "stockwise.svc.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stockwise.svc.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "stockwise.svc.fullname" . }}
  minReplicas: {{ .cfg.autoscaling.minReplicas }}
  maxReplicas: {{ .cfg.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .cfg.autoscaling.targetCPUUtilizationPercentage }}
{{- end -}}

{{/* NetworkPolicy: callers from this release, ingressFrom and metricsFrom; egress optionally. */}}
{{- define "stockwise.svc.networkPolicy" -}}
{{- $np := .root.Values.networkPolicy -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "stockwise.svc.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stockwise.svc.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "stockwise.svc.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    {{- if $np.egress.enabled }}
    - Egress
    {{- end }}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              {{- include "stockwise.selectorLabels" .root | nindent 14 }}
        {{- with $np.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $np.metricsFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
  {{- if $np.egress.enabled }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - to:
        - podSelector:
            matchLabels:
              {{- include "stockwise.selectorLabels" .root | nindent 14 }}
      ports:
        - port: {{ .root.Values.global.containerPort }}
          protocol: TCP
    {{- with $np.egress.to }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
{{- end -}}
