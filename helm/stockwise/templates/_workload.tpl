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
{{- include "stockwise.svc.securityEnv" . }}
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

{{/*
TLS, management-port and JWT environment (docs/security.md). Files come from read-only volumes:
/etc/stockwise/tls (the kubernetes.io/tls Secret), /etc/stockwise/jwt, /etc/stockwise/client-token
and /etc/stockwise/config (role rules).
*/}}
{{- define "stockwise.svc.securityEnv" -}}
{{- $root := .root -}}
{{- $tls := $root.Values.tls -}}
{{- $sec := $root.Values.security -}}
{{- if $tls.enabled }}
- name: QUARKUS_HTTP_SSL_PORT
  value: {{ $tls.port | quote }}
- name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
  value: /etc/stockwise/tls/tls.crt
- name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
  value: /etc/stockwise/tls/tls.key
- name: QUARKUS_HTTP_INSECURE_REQUESTS
  value: disabled
{{- if $tls.mutual }}
- name: QUARKUS_HTTP_SSL_CLIENT_AUTH
  value: required
- name: QUARKUS_HTTP_SSL_CERTIFICATE_TRUST_STORE_FILE
  value: /etc/stockwise/tls/ca.crt
{{- end }}
{{- range $client := include "stockwise.svc.grpcClients" . | fromJsonArray }}
{{- $c := upper $client }}
{{- /* The grpc-java clients the services use read ssl.*; the Vert.x client (use-quarkus-grpc-client) reads tls.*. */}}
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_PLAIN_TEXT
  value: "false"
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_SSL_TRUST_STORE
  value: /etc/stockwise/tls/ca.crt
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_TLS_ENABLED
  value: "true"
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_TLS_TRUST_CERTIFICATE_PEM_CERTS
  value: /etc/stockwise/tls/ca.crt
{{- if $tls.mutual }}
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_SSL_CERTIFICATE
  value: /etc/stockwise/tls/tls.crt
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_SSL_KEY
  value: /etc/stockwise/tls/tls.key
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_TLS_KEY_CERTIFICATE_PEM_CERTS
  value: /etc/stockwise/tls/tls.crt
- name: QUARKUS_GRPC_CLIENTS_{{ $c }}_TLS_KEY_CERTIFICATE_PEM_KEYS
  value: /etc/stockwise/tls/tls.key
{{- end }}
{{- end }}
{{- end }}
{{- if $root.Values.management.enabled }}
- name: QUARKUS_MANAGEMENT_PORT
  value: {{ $root.Values.management.port | quote }}
{{- end }}
- name: STOCKWISE_SECURITY_ENABLED
  value: {{ $sec.enabled | toString | quote }}
{{- if $sec.enabled }}
- name: STOCKWISE_SECURITY_JWT_PUBLIC_KEY_FILE
  value: /etc/stockwise/jwt/{{ $sec.jwt.key }}
- name: STOCKWISE_SECURITY_JWT_ISSUER
  value: {{ $sec.jwt.issuer | quote }}
{{- with $sec.jwt.audience }}
- name: STOCKWISE_SECURITY_JWT_AUDIENCE
  value: {{ . | quote }}
{{- end }}
{{- if $sec.roleRules }}
- name: QUARKUS_CONFIG_LOCATIONS
  value: /etc/stockwise/config/security.properties
{{- end }}
{{- end }}
{{- with (get ($sec.clientTokens | default dict) .svc) }}
{{- if .existingSecret }}
- name: STOCKWISE_SECURITY_CLIENT_TOKEN_FILE
  value: /etc/stockwise/client-token/{{ .key }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Read-only mounts of the TLS Secret, JWT key, client token and role rules (pairs with securityMounts). */}}
{{- define "stockwise.svc.securityVolumes" -}}
{{- $root := .root -}}
{{- $sec := $root.Values.security -}}
{{- if $root.Values.tls.enabled }}
- name: tls
  secret:
    secretName: {{ $root.Values.tls.existingSecret }}
    defaultMode: 288 # 0440: owner and the fsGroup read
{{- end }}
{{- if $sec.enabled }}
- name: jwt
  secret:
    secretName: {{ include "stockwise.security.jwtSecretName" $root }}
    defaultMode: 288 # 0440: owner and the fsGroup read
    items:
      - key: {{ $sec.jwt.key }}
        path: {{ $sec.jwt.key }}
{{- if $sec.roleRules }}
- name: security-config
  configMap:
    name: {{ include "stockwise.fullname" $root }}-security
{{- end }}
{{- end }}
{{- with (get ($sec.clientTokens | default dict) .svc) }}
{{- if .existingSecret }}
- name: client-token
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 288 # 0440: owner and the fsGroup read
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "stockwise.svc.securityMounts" -}}
{{- $root := .root -}}
{{- $sec := $root.Values.security -}}
{{- if $root.Values.tls.enabled }}
- name: tls
  mountPath: /etc/stockwise/tls
  readOnly: true
{{- end }}
{{- if $sec.enabled }}
- name: jwt
  mountPath: /etc/stockwise/jwt
  readOnly: true
{{- if $sec.roleRules }}
- name: security-config
  mountPath: /etc/stockwise/config
  readOnly: true
{{- end }}
{{- end }}
{{- with (get ($sec.clientTokens | default dict) .svc) }}
{{- if .existingSecret }}
- name: client-token
  mountPath: /etc/stockwise/client-token
  readOnly: true
{{- end }}
{{- end }}
{{- end -}}

{{/* Deployment of one service: hardened pod, health probes, /tmp emptyDir, optional GPU. */}}
{{- define "stockwise.svc.deployment" -}}
{{- $ctx := . -}}
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
      {{- if or $root.Values.global.podAnnotations $root.Values.security.enabled }}
      annotations:
        {{- with $root.Values.global.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- if $root.Values.security.enabled }}
        # Roll the pods when the role rules or the inline JWT key change (files are read at startup).
        checksum/security: {{ toJson $root.Values.security | sha256sum }}
        {{- end }}
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
            - name: {{ include "stockwise.servingPortName" $root }}
              containerPort: {{ include "stockwise.servingPort" $root }}
              protocol: TCP
            {{- if $root.Values.management.enabled }}
            - name: management
              containerPort: {{ $root.Values.management.port }}
              protocol: TCP
            {{- end }}
          env:
            {{- include "stockwise.svc.env" . | nindent 12 }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: {{ include "stockwise.healthPortName" $root }}
              scheme: {{ include "stockwise.healthScheme" $root }}
            periodSeconds: 5
            failureThreshold: {{ div $root.Values.probes.startupSeconds 5 }}
            timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: {{ include "stockwise.healthPortName" $root }}
              scheme: {{ include "stockwise.healthScheme" $root }}
            periodSeconds: {{ $root.Values.probes.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: {{ include "stockwise.healthPortName" $root }}
              scheme: {{ include "stockwise.healthScheme" $root }}
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
            {{- with include "stockwise.svc.securityMounts" $ctx | trim }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.securityContext.tmpSizeLimit }}
        {{- with include "stockwise.svc.securityVolumes" $ctx | trim }}
        {{- . | nindent 8 }}
        {{- end }}
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
    {{- if .root.Values.tls.enabled }}
    - name: https
      port: {{ .root.Values.service.httpPort }}
      targetPort: https
      protocol: TCP
      appProtocol: https
    - name: grpc
      port: {{ .root.Values.service.grpcPort }}
      targetPort: https
      protocol: TCP
    {{- else }}
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
    {{- end }}
    {{- if .root.Values.management.enabled }}
    - name: management
      port: {{ .root.Values.management.port }}
      targetPort: management
      protocol: TCP
      appProtocol: http
    {{- end }}
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
    - port: {{ include "stockwise.healthPortName" .root }}
      path: /q/metrics
      {{- if eq (include "stockwise.healthScheme" .root) "HTTPS" }}
      # Metrics on the TLS port: verify the pods against the TLS Secret's CA (same namespace).
      scheme: https
      tlsConfig:
        serverName: {{ include "stockwise.svc.fullname" . }}
        ca:
          secret:
            name: {{ .root.Values.tls.existingSecret }}
            key: ca.crt
      {{- end }}
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
        - port: {{ include "stockwise.servingPortName" .root }}
          protocol: TCP
        {{- if .root.Values.management.enabled }}
        - port: management
          protocol: TCP
        {{- end }}
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
        - port: {{ include "stockwise.servingPort" .root }}
          protocol: TCP
    {{- with $np.egress.to }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
{{- end -}}
